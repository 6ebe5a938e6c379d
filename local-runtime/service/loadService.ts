import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ServiceError } from './ServiceError';
import type { ServiceModel } from './ServiceModel';
import { serviceCacheKey } from './serviceCacheKey';
import { resolveOsls, spawnSls } from './spawnSls';
import type { SpawnSls } from './spawnSls';
import { toServiceModel } from './toServiceModel';

export interface LoadServiceOptions {
  /** Directory holding serverless.yml. */
  servicePath: string;
  stage: string;
  /** Passed to osls as `--region`; default: provider.region as printed. */
  region?: string;
  /** Account id for local ARNs (default `000000000000`). */
  accountId?: string;
  /** Where resolved configs are cached (default `<servicePath>/.tidepool/cache`). */
  cacheDir?: string;
  /** How osls is run (default: the real one). Tests inject a counting or fake one. */
  spawn?: SpawnSls;
}

/**
 * Resolves serverless.yml with osls itself (`sls print --format json --stage <stage>`),
 * caching the printed configuration in `.tidepool/cache/service-<hash>.json`; a cache hit
 * does not run osls. Throws a {@link ServiceError} carrying osls's message when osls fails.
 *
 * @example
 * const model = await loadService({ servicePath: process.cwd(), stage: 'dev' });
 */
export async function loadService(options: LoadServiceOptions): Promise<ServiceModel> {
  const servicePath = resolve(options.servicePath);
  const file = join(servicePath, 'serverless.yml');
  if (!existsSync(file)) {
    throw new ServiceError('service.invalid_config', file, `${file} does not exist: Tidepool reads the service from serverless.yml`);
  }
  const osls = resolveOsls(servicePath);
  const oslsVersion = (JSON.parse(readFileSync(osls.packageJson, 'utf8')) as { version: string }).version;
  const key = serviceCacheKey({ servicePath, stage: options.stage, region: options.region, oslsVersion });
  const cacheDir = options.cacheDir ?? join(servicePath, '.tidepool', 'cache');
  const cacheFile = join(cacheDir, `service-${key}.json`);
  const printed = readCache(cacheFile) ?? (await printWithOsls(servicePath, file, options, cacheDir, cacheFile));
  return toServiceModel(printed, {
    servicePath,
    stage: options.stage,
    where: file,
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.accountId === undefined ? {} : { accountId: options.accountId }),
  });
}

function readCache(cacheFile: string): unknown {
  try {
    return JSON.parse(readFileSync(cacheFile, 'utf8')) as unknown;
  } catch {
    return undefined; // missing or torn: resolve again
  }
}

async function printWithOsls(
  servicePath: string,
  file: string,
  options: LoadServiceOptions,
  cacheDir: string,
  cacheFile: string,
): Promise<unknown> {
  const args = ['print', '--format', 'json', '--stage', options.stage, ...(options.region ? ['--region', options.region] : [])];
  const run = await (options.spawn ?? spawnSls)(args, { cwd: servicePath, env: process.env });
  if (run.exitCode !== 0) {
    // osls prints its error on stdout (`Error:\n<message>`) and its environment on stderr.
    const message = (run.stdout.trim() || run.stderr.trim()).replace(/^Error:\s*/, '');
    throw new ServiceError('service.sls_failed', file, `${file}: osls could not resolve the service (sls ${args.join(' ')}):\n${message}`);
  }
  let printed: unknown;
  try {
    printed = JSON.parse(run.stdout);
  } catch (cause) {
    throw new ServiceError('service.sls_output', file, `${file}: sls ${args.join(' ')} did not print JSON:\n${run.stdout.slice(0, 500)}`, { cause });
  }
  mkdirSync(cacheDir, { recursive: true });
  const partial = `${cacheFile}.${randomUUID()}.tmp`;
  writeFileSync(partial, JSON.stringify(printed));
  renameSync(partial, cacheFile); // atomic: a concurrent reader sees the whole file or none
  return printed;
}
