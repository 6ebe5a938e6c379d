import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceError } from './ServiceError';

/**
 * Service file names the Serverless Framework loads, in the order it looks for them
 * (osls `lib/cli/resolve-configuration-path.js`; `.mts` is read too when named with `--config`).
 */
export const SERVICE_FILE_NAMES = [
  'serverless.yml',
  'serverless.yaml',
  'serverless.json',
  'serverless.js',
  'serverless.mjs',
  'serverless.cjs',
  'serverless.ts',
] as const;

/**
 * The service file of `servicePath`: the first of {@link SERVICE_FILE_NAMES} that is a file.
 * Throws a {@link ServiceError} listing every name looked for when there is none.
 */
export function findServiceFile(servicePath: string): string {
  for (const name of SERVICE_FILE_NAMES) {
    const file = join(servicePath, name);
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  throw new ServiceError(
    'service.invalid_config',
    servicePath,
    `${servicePath} has no Serverless Framework service file: looked for ${SERVICE_FILE_NAMES.join(', ')}. Run tidepool in the service's directory`,
  );
}
