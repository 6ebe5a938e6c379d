import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findServiceFile } from './findServiceFile';
import { loadLocalValues } from './loadLocalValues';
import { resolveWithFramework } from './resolveWithFramework';
import { resolveFramework } from './resolveFramework';
import type { ServiceModel } from './ServiceModel';
import { serviceCacheKey } from './serviceCacheKey';
import type { SpawnSls } from './spawnSls';
import { LOCAL_ACCOUNT_ID, toServiceModel } from './toServiceModel';

export interface LoadServiceOptions {
  /** Directory holding the service file (serverless.yml, .yaml, .json, .js, .cjs, .mjs or .ts). */
  servicePath: string;
  /**
   * `--stage` for the framework. Leave it out to get the framework's own rule: provider.stage,
   * else `dev`.
   */
  stage?: string | undefined;
  /** Passed to the framework as `--region`; default: provider.region as printed. */
  region?: string;
  /** Account id for local ARNs and `${aws:accountId}` (default `000000000000`). */
  accountId?: string;
  /** Where resolved configs are cached (default `<servicePath>/.tidepool/cache`). */
  cacheDir?: string;
  /** How the framework is run (default: the real one). Tests inject a counting or fake one. */
  spawn?: SpawnSls;
}

/** What the cache keeps of one resolution. */
interface CachedResolution {
  printed: unknown;
  warnings: string[];
}

/**
 * Resolves the service with the Serverless Framework itself (`sls print --format json
 * [--stage <stage>]`): the service's own serverless v3 or osls, else the osls Tidepool ships. The run is
 * tolerant (see `slsPreload.cjs`) and never reaches AWS: `${aws:…}`, `${ssm:…}`, `${cf:…}` and
 * `${s3:…}` are answered from the local account and `tidepool.values.yml`. The printed
 * configuration and the warnings are cached in `.tidepool/cache/service-<hash>.json`; a cache hit
 * does not run the framework. Throws a {@link ServiceError} naming the file and carrying the
 * framework's message when it fails.
 *
 * @example
 * const model = await loadService({ servicePath: process.cwd(), stage: 'dev' });
 */
export async function loadService(options: LoadServiceOptions): Promise<ServiceModel> {
  const servicePath = resolve(options.servicePath);
  const file = findServiceFile(servicePath);
  const { framework, warnings: frameworkWarnings } = resolveFramework(servicePath);
  const values = loadLocalValues(servicePath);
  const key = serviceCacheKey({
    servicePath,
    serviceFile: file,
    stage: options.stage,
    region: options.region,
    framework: `${framework.name}@${framework.version}`,
    values: values.content,
  });
  const cacheDir = options.cacheDir ?? join(servicePath, '.tidepool', 'cache');
  const cacheFile = join(cacheDir, `service-${key}.json`);
  let resolution = readCache(cacheFile);
  if (!resolution) {
    const scratch = mkdtempSync(join(tmpdir(), 'tidepool-sls-'));
    try {
      resolution = await resolveWithFramework({
        servicePath,
        file,
        framework,
        values,
        stage: options.stage,
        region: options.region,
        accountId: options.accountId ?? LOCAL_ACCOUNT_ID,
        warningsFile: join(scratch, 'warnings.jsonl'),
        ...(options.spawn !== undefined && { spawn: options.spawn }),
      });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    writeCache(cacheDir, cacheFile, resolution);
  }
  const model = toServiceModel(resolution.printed, {
    servicePath,
    ...(options.stage === undefined ? {} : { stage: options.stage }),
    where: file,
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.accountId === undefined ? {} : { accountId: options.accountId }),
  });
  model.framework = { name: framework.name, version: framework.version };
  model.warnings = [...frameworkWarnings, ...resolution.warnings];
  return model;
}

function readCache(cacheFile: string): CachedResolution | undefined {
  let cached: Partial<CachedResolution>;
  try {
    cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as Partial<CachedResolution>;
  } catch {
    return undefined; // missing or torn: resolve again
  }
  if (cached === null || typeof cached !== 'object' || !Array.isArray(cached.warnings)) return undefined;
  return { printed: cached.printed, warnings: cached.warnings.map(String) };
}

function writeCache(cacheDir: string, cacheFile: string, resolution: CachedResolution): void {
  mkdirSync(cacheDir, { recursive: true });
  const partial = `${cacheFile}.${randomUUID()}.tmp`;
  writeFileSync(partial, JSON.stringify(resolution));
  renameSync(partial, cacheFile); // atomic: a concurrent reader sees the whole file or none
}
