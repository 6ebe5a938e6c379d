import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadService } from './loadService';
import { ServiceError } from './ServiceError';
import type { ServiceModel } from './ServiceModel';
import { spawnSls } from './spawnSls';
import { validateService } from './validateService';
import type { SpawnSls } from './spawnSls';

const REPO = resolve(import.meta.dirname, '../..');

/** Wraps the real osls and records every run. */
function countingSpawn(): { spawn: SpawnSls; calls: string[][] } {
  const calls: string[][] = [];
  return { calls, spawn: (args, options) => (calls.push([...args]), spawnSls(args, options)) };
}

describe('loadService on the real serverless.yml', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'tidepool-cache-'));
  const counter = countingSpawn();
  let first: ServiceModel;

  beforeAll(async () => {
    first = await loadService({ servicePath: REPO, stage: 'dev', cacheDir, spawn: counter.spawn });
  });
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it('runs `sls print --format json --stage dev` once and caches the result', () => {
    expect(counter.calls).toEqual([['print', '--format', 'json', '--stage', 'dev']]);
    expect(readdirSync(cacheDir)).toEqual([expect.stringMatching(/^service-[0-9a-f]{64}\.json$/)]);
  });

  it('does not spawn osls on a cache hit and returns the same model', async () => {
    const again = await loadService({ servicePath: REPO, stage: 'dev', cacheDir, spawn: counter.spawn });
    expect(counter.calls).toHaveLength(1);
    expect(again).toEqual(first);
  });

  it('maps service, stage, region and the functions with their deployed names', () => {
    expect(first).toMatchObject({ servicePath: REPO, service: 'tidepool', stage: 'dev', region: 'us-east-1', runtime: 'nodejs22.x', accountId: '000000000000' });
    expect(Object.keys(first.functions).sort()).toEqual([
      'cancelOrder',
      'createOrder',
      'expireHolds',
      'getOrder',
      'listOrders',
      'onHoldExpired',
      'onOrderCancelled',
      'onOrderPlaced',
      'publishOrderEvents',
      'putProduct',
      'runSagas',
    ]);
    expect(first.functions.onOrderPlaced).toMatchObject({
      key: 'onOrderPlaced',
      name: 'tidepool-dev-onOrderPlaced',
      handler: 'functions/orders/onOrderPlaced.handler',
      timeout: 30,
      memorySize: 256,
    });
  });

  it('keeps intrinsics in the environment for resolveIntrinsics (osls passes them through)', () => {
    expect(first.functions.createOrder?.environment).toEqual({
      TABLE_NAME: { Ref: 'OrdersTable' },
      POWERTOOLS_SERVICE_NAME: 'tidepool',
      NODE_OPTIONS: '--enable-source-maps',
    });
  });

  it('keeps events as osls resolved them, and merges resources from every infra file', () => {
    expect(first.functions.getOrder?.events).toEqual([{ httpApi: { method: 'GET', path: '/orders/{id}', authorizer: { name: 'users' } } }]);
    const stream = (first.functions.onOrderPlaced?.events[0] as { stream: Record<string, unknown> }).stream;
    expect(stream).toMatchObject({ arn: { 'Fn::GetAtt': ['OrdersTable', 'StreamArn'] }, batchSize: 25, functionResponseType: 'ReportBatchItemFailures' });
    expect(first.resources.OrdersTable?.Type).toBe('AWS::DynamoDB::Table');
    expect(first.resources.OrdersTable?.Properties?.TableName).toBe('tidepool-dev-orders');
    expect(first.resources.OrderEventsDlq?.Type).toBe('AWS::SQS::Queue');
    expect(first.resources.OrderEventsBus?.Type).toBe('AWS::Events::EventBus');
    expect(first.resources.RunSagasRole?.Type).toBe('AWS::IAM::Role');
    expect(first.httpApi).toMatchObject({ cors: true, payload: '2.0', authorizers: { users: { type: 'jwt', issuerUrl: 'https://auth.tidepool.local/dev' } } });
  });

  it('is a service validateService finds nothing wrong with (handlers exist, stream is a table stream)', () => {
    expect(validateService(first).problems).toEqual([]);
  });

  it('says which framework resolved it, and that nothing had to be tolerated', () => {
    expect(first.framework).toEqual({ name: 'osls', version: '4.3.1' });
    expect(first.warnings).toEqual([]);
  });
});

describe('loadService errors', () => {
  const dirs: string[] = [];
  const service = (yml: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'tidepool-svc-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'serverless.yml'), yml);
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("turns osls's YAML error into a ServiceError naming serverless.yml and osls's message", async () => {
    const dir = service('service: x\nprovider:\n  name: aws\n  runtime: [unclosed\n');
    const error = await loadService({ servicePath: dir, stage: 'dev' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).where).toBe(join(dir, 'serverless.yml'));
    expect((error as ServiceError).message).toContain('Cannot parse "serverless.yml"');
    expect(readdirSync(dir)).not.toContain('.tidepool'); // nothing cached for a failed resolution
  });

  it('reports a missing ${file()} with the message osls gives', async () => {
    const fake: SpawnSls = async () => ({
      exitCode: 1,
      stdout: 'Error:\nCannot resolve serverless.yml: Variables resolution errored with:\n  - Cannot resolve variable at "resources.0": Value not found at "file" source\n',
      stderr: 'Environment: linux',
    });
    const dir = service('service: x\nprovider:\n  name: aws\nresources:\n  - ${file(infra/nope.yml)}\n');
    const error = (await loadService({ servicePath: dir, stage: 'dev', spawn: fake }).catch((e: unknown) => e)) as ServiceError;
    expect(error.code).toBe('service.sls_failed');
    expect(error.message).toMatch(/serverless\.yml: osls 4\.3\.1 could not resolve the service \(osls print --format json --stage dev\)/);
    expect(error.message).toContain('Value not found at "file" source');
  });

  it('reports a directory without a service file, listing every name it looked for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tidepool-empty-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'serverless.yml.bak'), 'service: x\n');
    const error = (await loadService({ servicePath: dir, stage: 'dev' }).catch((e: unknown) => e)) as ServiceError;
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.where).toBe(dir);
    expect(error.message).toBe(
      `${dir} has no Serverless Framework service file: looked for serverless.yml, serverless.yaml, serverless.json, serverless.js, serverless.mjs, serverless.cjs, serverless.ts. Run tidepool in the service's directory`,
    );
  });

  it('passes --region to osls and takes the region from the option', async () => {
    const calls: string[][] = [];
    const fake: SpawnSls = async (args) => {
      calls.push([...args]);
      return { exitCode: 0, stdout: JSON.stringify({ service: 'x', provider: { name: 'aws', stage: 'prod', region: 'eu-west-1' } }), stderr: '' };
    };
    const dir = service('service: x\nprovider:\n  name: aws\n');
    const model = await loadService({ servicePath: dir, stage: 'prod', region: 'eu-west-1', spawn: fake });
    expect(calls).toEqual([['print', '--format', 'json', '--stage', 'prod', '--region', 'eu-west-1']]);
    expect(model).toMatchObject({ stage: 'prod', region: 'eu-west-1', functions: {}, resources: {} });
  });
});
