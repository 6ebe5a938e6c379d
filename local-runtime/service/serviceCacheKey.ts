import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The cache key of a resolved service: sha256 over serverless.yml, every infra/*.yml
 * (sorted by name, names included), the value of every environment variable they reference
 * with `${env:NAME…}`, the stage, the region option and the osls version. Any edit to those
 * inputs, a changed variable, or an osls upgrade gives a new key.
 */
export function serviceCacheKey(input: {
  servicePath: string;
  stage: string;
  region: string | undefined;
  oslsVersion: string;
  env?: NodeJS.ProcessEnv;
}): string {
  const hash = createHash('sha256');
  const part = (label: string, value: string | Buffer): void => {
    hash.update(`${label}\0${Buffer.byteLength(value)}\0`);
    hash.update(value);
  };
  const files: Array<[string, Buffer]> = [['serverless.yml', readFileSync(join(input.servicePath, 'serverless.yml'))]];
  for (const name of infraFiles(input.servicePath)) files.push([`infra/${name}`, readFileSync(join(input.servicePath, 'infra', name))]);
  for (const [label, content] of files) part(label, content);
  for (const name of referencedEnvironment(files.map(([, content]) => content.toString('utf8')))) {
    part(`env:${name}`, (input.env ?? process.env)[name] ?? '\0unset');
  }
  part('stage', input.stage);
  part('region', input.region ?? '');
  part('osls', input.oslsVersion);
  return hash.digest('hex');
}

function infraFiles(servicePath: string): string[] {
  try {
    return readdirSync(join(servicePath, 'infra'))
      .filter((name) => /\.ya?ml$/.test(name))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Names used as `${env:NAME}` / `${env:NAME, default}` in the service files, sorted. */
function referencedEnvironment(texts: string[]): string[] {
  const names = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(match[1]!);
  return [...names].sort();
}
