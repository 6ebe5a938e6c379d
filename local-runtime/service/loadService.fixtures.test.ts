import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadService } from './loadService';
import { ServiceError } from './ServiceError';
import type { ServiceModel } from './ServiceModel';
import { spawnSls, type SpawnSls } from './spawnSls';
import { writeNetworkLogger } from './testing/writeNetworkLogger';

const REPO = resolve(import.meta.dirname, '../..');
const FIXTURES = join(import.meta.dirname, 'fixtures');
const scratch = mkdtempSync(join(tmpdir(), 'tidepool-fixtures-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A preload for the framework child that logs every socket it opens and every name it looks up. */
const NETWORK_LOG = join(scratch, 'network.log');
const networkLogger = join(scratch, 'networkLogger.cjs');
writeNetworkLogger(networkLogger, NETWORK_LOG);
const loggingSpawn: SpawnSls = (args, options) => spawnSls(args, { ...options, requires: [...(options.requires ?? []), networkLogger] });

/** Loads a fixture of ./fixtures in place, caching under the scratch folder; the framework's sockets are logged. */
const load = (name: string): Promise<ServiceModel> =>
  loadService({ servicePath: join(FIXTURES, name), stage: 'dev', cacheDir: join(scratch, `cache-${name}`), spawn: loggingSpawn });

describe('a service written for other framework versions (fixtures/tolerant)', () => {
  let model: ServiceModel;
  beforeAll(async () => {
    model = await load('tolerant');
  });

  it('resolves despite frameworkVersion 2, org/app/build, lambdaHashingVersion, an unlisted runtime and a missing plugin', () => {
    expect(model).toMatchObject({ service: 'tolerant', region: 'eu-west-1', runtime: 'nodejs8.10' });
    expect(Object.keys(model.functions)).toEqual(['hello']);
    expect(model.framework).toEqual({ name: 'osls', version: '4.3.1' });
  });

  it('turns each tolerated problem into one warning naming the file and the key', () => {
    expect(model.warnings).toEqual([
      'serverless.yml: frameworkVersion "2" is ignored locally (resolved with osls)',
      'serverless.yml: service: { name: "tolerant" } (Serverless v1/v2 notation) is read as service: "tolerant"',
      'plugin "serverless-plugin-not-installed-anywhere" is listed in plugins but not installed: skipped (npm install it to use it)',
      "serverless.yml: at root: unrecognized property 'org' (configuration schema: a warning for a local run)",
      "serverless.yml: at root: unrecognized property 'app' (configuration schema: a warning for a local run)",
      "serverless.yml: at root: unrecognized property 'build' (configuration schema: a warning for a local run)",
      "serverless.yml: at 'provider': unrecognized property 'lambdaHashingVersion' (configuration schema: a warning for a local run)",
      expect.stringMatching(/^serverless\.yml: at 'provider\.runtime': must be equal to one of the allowed values \[.*nodejs22\.x.*\] \(configuration schema/),
      '${ssm:/tolerant/not-set} has no value in tidepool.values.yml: its fallback was used',
    ]);
  });

  it('resolves ${aws:…} to the local account and region, and ${ssm:…}, ${cf:…}, ${s3:…} from tidepool.values.yml', () => {
    expect(model.functions.hello?.environment).toEqual({
      ACCOUNT: '000000000000',
      REGION: 'eu-west-1',
      API_URL: 'https://api.example.test',
      QUEUE_URL: 'http://127.0.0.1:9324/queue/billing',
      FLAGS: '{"beta":true}',
      OPTIONAL: 'fallback-value',
    });
    expect(model.custom).toEqual({ hosts: ['a.example.test', 'b.example.test'], db: { user: 'app', password: 'local' } });
  });

  it('never left the machine: the framework only connected to the local resolver, and looked up no name', () => {
    const lines = readFileSync(NETWORK_LOG, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(1); // it did ask (aws, ssm, cf, s3 variables)
    expect(lines.filter((line) => !/^connect 127\.0\.0\.1:\d+$/.test(line))).toEqual([]);
  });

  it('keeps the warnings on a cache hit (the framework does not run again)', async () => {
    const again = await load('tolerant');
    expect(again.warnings).toEqual(model.warnings);
    expect(readdirSync(join(scratch, 'cache-tolerant'))).toHaveLength(1);
  });
});

// The framework's stage is --stage, else provider.stage, else dev
// (https://www.serverless.com/framework/docs/providers/aws/guide/variables#referencing-serverless-core-variables, ${sls:stage}).
describe('the stage follows the framework: --stage, else provider.stage, else dev', () => {
  const at = (name: string, stage: string | undefined): Promise<ServiceModel> =>
    loadService({ servicePath: join(FIXTURES, name), stage, cacheDir: join(scratch, `cache-${name}`), spawn: loggingSpawn });

  it('a service without provider.stage resolved with stage test is stage test, and so is ${sls:stage}', async () => {
    const model = await at('stage-default', 'test');
    expect(model.stage).toBe('test');
    expect(model.functions.hello).toMatchObject({ name: 'stage-default-test-hello', environment: { STAGE: 'test', OPT_STAGE: 'test', TABLE: 'table-test' } });
  });

  it('a service without provider.stage and no stage option is dev, and --stage is not passed', async () => {
    const model = await at('stage-default', undefined);
    expect(model.stage).toBe('dev');
    expect(model.functions.hello?.environment).toEqual({ STAGE: 'dev', OPT_STAGE: 'none', TABLE: 'table-dev' });
  });

  it('provider.stage prod with no option is prod; the option still wins over it', async () => {
    const prod = await at('stage-prod', undefined);
    expect(prod.stage).toBe('prod');
    expect(prod.functions.hello).toMatchObject({ name: 'stage-prod-prod-hello', environment: { STAGE: 'prod' } });
    const test = await at('stage-prod', 'test');
    expect(test.stage).toBe('test');
    expect(test.functions.hello?.environment).toEqual({ STAGE: 'test' });
  });
});

describe('a variable with no local value (fixtures/missing-value)', () => {
  it('fails naming the variables, the values file and the keys to add', async () => {
    const error = (await load('missing-value').catch((e: unknown) => e)) as ServiceError;
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.where).toBe(join(FIXTURES, 'missing-value', 'serverless.yml'));
    expect(error.message).toContain('Cannot resolve variable at "provider.environment.API_URL": Value not found at "ssm" source');
    expect(error.message).toContain(
      `Tidepool resolves \${ssm:/missing-value/api-url}, \${cf:billing-dev.QueueUrl} locally and never asks AWS: give them values in ${join(FIXTURES, 'missing-value', 'tidepool.values.yml')}:\n` +
        'ssm:\n  /missing-value/api-url: <value>\ncf:\n  billing-dev:\n    QueueUrl: <value>',
    );
  });
});

describe('service files in every format the framework loads', () => {
  const body = { service: 'formats', provider: { name: 'aws', runtime: 'nodejs22.x', environment: { STAGE: '${sls:stage}' } }, functions: { hello: { handler: 'handler.hello' } } };
  const variants: Record<string, string> = {
    'serverless.json': JSON.stringify(body),
    'serverless.js': `module.exports = ${JSON.stringify(body)};\n`,
    'serverless.mjs': `export default ${JSON.stringify(body)};\n`,
  };
  const dirs: Record<string, string> = {};
  const models: Record<string, ServiceModel> = {};
  beforeAll(async () => {
    for (const name of Object.keys(variants)) {
      const dir = join(scratch, name.replace('.', '-'));
      mkdirSync(dir);
      writeFileSync(join(dir, name), variants[name]!);
      // serverless.js in a CommonJS package; the service's own osls (a link) resolves it
      mkdirSync(join(dir, 'node_modules'));
      symlinkSync(join(REPO, 'node_modules', 'osls'), join(dir, 'node_modules', 'osls'), 'dir');
      dirs[name] = dir;
    }
    // A serverless@4 in the service cannot run here: osls resolves it instead, with a warning.
    mkdirSync(join(dirs['serverless.json']!, 'node_modules', 'serverless'));
    writeFileSync(join(dirs['serverless.json']!, 'node_modules', 'serverless', 'package.json'), '{"name":"serverless","version":"4.4.18"}');
    const loaded = await Promise.all([
      ...Object.keys(variants).map((name) => loadService({ servicePath: dirs[name]!, stage: 'dev' })),
      loadService({ servicePath: join(FIXTURES, 'formats'), stage: 'dev', cacheDir: join(scratch, 'cache-ts') }),
    ]);
    [...Object.keys(variants), 'serverless.ts'].forEach((name, index) => (models[name] = loaded[index]!));
  });

  it.each(['serverless.json', 'serverless.js', 'serverless.mjs'])('resolves %s', (name) => {
    expect(models[name]).toMatchObject({ service: 'formats', functions: { hello: { handler: 'handler.hello', environment: { STAGE: 'dev' } } } });
    expect(readdirSync(join(dirs[name]!, '.tidepool', 'cache'))).toEqual([expect.stringMatching(/^service-[0-9a-f]{64}\.json$/)]);
  });

  it('resolves serverless.ts (frameworkVersion 3 ignored, with a warning naming the file)', () => {
    expect(models['serverless.ts']).toMatchObject({ service: 'formats-ts', runtime: 'nodejs20.x', functions: { hello: { environment: { STAGE: 'dev' } } } });
    expect(models['serverless.ts']?.warnings).toEqual(['serverless.ts: frameworkVersion "3" is ignored locally (resolved with osls)']);
  });

  it('falls back from a serverless@4 the service installs to osls, and says so', () => {
    expect(models['serverless.json']?.framework).toEqual({ name: 'osls', version: '4.3.1' });
    expect(models['serverless.json']?.warnings).toEqual([
      'serverless@4.4.18 is installed in the service but cannot resolve it locally (its npm package downloads the real program at first run): resolved with osls 4.3.1 instead',
    ]);
  });
});

/**
 * With a real serverless@3 (251 MB, 432 packages: too heavy for a devDependency, and its `sls` bin
 * clashes with osls's), run as `TIDEPOOL_TEST_SERVERLESS3=<dir whose node_modules holds serverless@3> npx vitest run …`.
 */
describe.runIf(process.env.TIDEPOOL_TEST_SERVERLESS3)('the service own serverless@3 (TIDEPOOL_TEST_SERVERLESS3)', () => {
  it('resolves the tolerant fixture with it: pins, dashboard keys, missing plugin and AWS variables included', async () => {
    const dir = join(scratch, 'serverless3');
    mkdirSync(dir);
    for (const name of ['serverless.yml', 'tidepool.values.yml']) copyFileSync(join(FIXTURES, 'tolerant', name), join(dir, name));
    symlinkSync(join(process.env.TIDEPOOL_TEST_SERVERLESS3!, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const model = await loadService({ servicePath: dir, stage: 'dev' });
    expect(model.framework).toMatchObject({ name: 'serverless', version: expect.stringMatching(/^3\./) });
    expect(model.functions.hello?.environment).toMatchObject({ ACCOUNT: '000000000000', API_URL: 'https://api.example.test', QUEUE_URL: 'http://127.0.0.1:9324/queue/billing', FLAGS: '{"beta":true}' });
    expect(model.warnings).toEqual(expect.arrayContaining(['serverless.yml: frameworkVersion "2" is ignored locally (resolved with serverless)']));
  });
});
