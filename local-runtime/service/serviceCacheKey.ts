import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The cache key of a resolved service: sha256 over serverless.yml, every infra/*.yml
 * (sorted by name, names included), the stage, the region option and the osls version.
 * Any edit to those inputs, or an osls upgrade, gives a new key.
 */
export function serviceCacheKey(input: { servicePath: string; stage: string; region: string | undefined; oslsVersion: string }): string {
  const hash = createHash('sha256');
  const part = (label: string, value: string | Buffer): void => {
    hash.update(`${label}\0${Buffer.byteLength(value)}\0`);
    hash.update(value);
  };
  part('serverless.yml', readFileSync(join(input.servicePath, 'serverless.yml')));
  for (const name of infraFiles(input.servicePath)) part(`infra/${name}`, readFileSync(join(input.servicePath, 'infra', name)));
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
