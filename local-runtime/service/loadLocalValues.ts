import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { ServiceError } from './ServiceError';

/** Name of the local values file in the service directory. */
export const LOCAL_VALUES_FILE = 'tidepool.values.yml';

/**
 * What `${ssm:…}`, `${cf:…}` and `${s3:…}` resolve to locally, read from `tidepool.values.yml`:
 *
 * ```yaml
 * ssm:
 *   /my-app/dev/api-url: https://example.test   # String
 *   /my-app/dev/hosts: [a.test, b.test]         # StringList
 *   /my-app/dev/secret: { user: u, pass: p }    # SecureString holding JSON
 * cf:
 *   other-stack-dev:                             # ${cf:other-stack-dev.QueueUrl}
 *     QueueUrl: http://example.test/queue
 * s3:
 *   my-bucket/config/dev.json: '{"flag":true}'   # ${s3:my-bucket/config/dev.json}
 * ```
 */
export interface LocalValues {
  /** Absolute path of the values file (whether or not it exists). */
  file: string;
  /** The file's bytes, `undefined` when there is none (part of the cache key). */
  content: Buffer | undefined;
  ssm: Record<string, unknown>;
  cf: Record<string, Record<string, unknown>>;
  s3: Record<string, unknown>;
}

/** Reads the values file of `servicePath`; a missing file is no values. Bad shapes throw a ServiceError naming the key. */
export function loadLocalValues(servicePath: string): LocalValues {
  const file = join(servicePath, LOCAL_VALUES_FILE);
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file, content: undefined, ssm: {}, cf: {}, s3: {} };
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = load(content.toString('utf8'), { filename: file });
  } catch (cause) {
    throw new ServiceError('service.invalid_config', file, `${file}: not valid YAML: ${(cause as Error).message}`, { cause });
  }
  const root = section(parsed ?? {}, file, 'the file');
  for (const key of Object.keys(root)) {
    if (!['ssm', 'cf', 's3'].includes(key)) throw new ServiceError('service.invalid_config', file, `${file}: unknown section "${key}" (expected ssm, cf or s3)`);
  }
  const cf: Record<string, Record<string, unknown>> = {};
  for (const [stack, outputs] of Object.entries(section(root.cf ?? {}, file, 'cf'))) cf[stack] = section(outputs, file, `cf.${stack} (the stack's outputs)`);
  return { file, content, ssm: section(root.ssm ?? {}, file, 'ssm'), cf, s3: section(root.s3 ?? {}, file, 's3') };
}

function section(value: unknown, file: string, what: string): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new ServiceError('service.invalid_config', file, `${file}: ${what} must be a mapping of names to values`);
}
