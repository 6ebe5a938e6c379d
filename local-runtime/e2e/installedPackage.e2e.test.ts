import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeleteItemCommand, DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand, QueryCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { scratchInstall, type ScratchInstall } from './scratchInstall';
import { eventually, invokeJson, runTidepool, startService, type StartedService } from './tidepoolProcess';

/**
 * Issue 23's proof: Tidepool packed with `npm pack`, installed from the tarball into services it
 * did not write (local-runtime/e2e/fixtures), and driven as their users drive it — `tidepool start`
 * and `tidepool invoke` as subprocesses, the HTTP API over fetch, the DynamoDB endpoint over an SDK
 * client. Nothing is mocked; no connection leaves 127.0.0.1 (see loopbackOnly.cjs).
 */
const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));

let install: ScratchInstall;
const running: StartedService[] = [];

beforeAll(async () => {
  // The webpack fixture lists serverless-webpack and webpack. Tidepool bundles with esbuild and
  // does not need them, so they stay uninstalled: a listed plugin that is missing must be a warning.
  install = await scratchInstall({ fixtures: FIXTURES, leaveOut: ['serverless-webpack', 'webpack'] });
  process.stdout.write(`installed-package e2e: npm pack ${ms(install.timings.packMs)} (or waiting for the test file that packs it), npm install ${ms(install.timings.installMs)} in ${install.dir}\n`);
}, 240_000);

afterEach(async () => {
  for (const service of running.splice(0)) await service.stop();
});

afterAll(() => {
  if (install) rmSync(install.dir, { recursive: true, force: true });
});

const ms = (value: number) => `${Math.round(value)} ms`;
const fixture = (name: string) => join(install.dir, name);

/** On a failed assertion, what the subprocess printed is the first thing to read. */
function showOnFailure(what: string, output: () => string): void {
  onTestFailed(() => {
    process.stdout.write(`\n──── ${what}: output ────\n${output()}\n──── end of ${what} ────\n`);
  });
}

async function start(name: string): Promise<StartedService> {
  const service = await startService(install.bin, fixture(name));
  running.push(service);
  showOnFailure(`tidepool start in ${name}`, service.run.output);
  return service;
}

async function invoke(name: string, fn: string, eventFile?: string): ReturnType<typeof invokeJson> {
  const invoked = await invokeJson(install.bin, fixture(name), fn, eventFile);
  showOnFailure(`tidepool invoke ${fn} in ${name}`, () => invoked.output);
  return invoked;
}

async function stop(service: StartedService): Promise<number | null> {
  running.splice(running.indexOf(service), 1);
  return service.stop();
}

/** A client of the started service's DynamoDB endpoint, as a user's script or the AWS CLI would make one. */
function dynamodbOf(service: StartedService, region: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint: service.dynamodbUrl, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

async function request(service: StartedService, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown; text: string }> {
  const response = await fetch(`${service.apiUrl}${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

describe('tidepool installed from its packed tarball, in services it did not write', { timeout: 120_000 }, () => {
  it('installs as a package: the tarball is not the repository (no reference service inside)', async () => {
    const listing = execFileSync('tar', ['-tzf', install.tarball], { encoding: 'utf8' }).split('\n');
    expect(listing).toContain('package/package.json');
    expect(listing.filter((entry) => entry.startsWith('package/functions/'))).toEqual([]);
    expect(listing.filter((entry) => entry.startsWith('package/local-runtime/e2e/'))).toEqual([]);
  });

  it('a. JS + aws-sdk v2, frameworkVersion 2: module-scope DocumentClient and process.env.TABLE reach the local table', async () => {
    const service = await start('js-sdk-v2-notes');
    expect(service.banner).toMatch(/PUT\s+\S+\/notes\/\{id\}\s+→ putNote/);

    const put = await request(service, 'PUT', '/notes/n-1', { text: 'buy milk' });
    expect(put).toMatchObject({ status: 201, json: { table: 'notes-v2-dev-notes', note: { id: 'n-1', text: 'buy milk', savedBy: 'notes-v2-dev-putNote' } } });
    const got = await request(service, 'GET', '/notes/n-1');
    expect(got).toMatchObject({ status: 200, json: { id: 'n-1', text: 'buy milk' } });
    const { Item } = await dynamodbOf(service, 'eu-west-1').send(new GetItemCommand({ TableName: 'notes-v2-dev-notes', Key: { id: { S: 'n-1' } } }));
    expect(Item).toEqual({ id: { S: 'n-1' }, text: { S: 'buy milk' }, savedBy: { S: 'notes-v2-dev-putNote' } });

    expect(await stop(service)).toBe(0);
  });

  it('b. TS + SDK v3 + serverless-esbuild, frameworkVersion 3: POST then GET through a table named by !Ref; the service\'s own node --test suite on the test API', async () => {
    const service = await start('ts-esbuild-todos');
    const created = await request(service, 'POST', '/todos', { title: 'write fixtures' });
    expect(created.status).toBe(201);
    const todo = created.json as { id: string; title: string; done: boolean };
    expect(todo).toMatchObject({ title: 'write fixtures', done: false });
    expect(todo.id).toMatch(/^todo-dev-[0-9a-f-]{36}$/);
    expect(await request(service, 'GET', `/todos/${todo.id}`)).toMatchObject({ status: 200, json: todo });
    expect((await request(service, 'GET', '/todos/nope')).status).toBe(404);

    const client = dynamodbOf(service, 'us-west-2');
    const { TableNames = [] } = await client.send(new ListTablesCommand({}));
    expect(TableNames).toEqual([expect.stringMatching(/^todos-v3-dev-TodosTable-[0-9A-F]{12}$/)]);
    const { Items = [] } = await client.send(new ScanCommand({ TableName: TableNames[0] }));
    expect(Items.map((item) => item.id?.S)).toEqual([todo.id]);

    expect(await stop(service)).toBe(0);

    // The service's own tests (node --test) use the test API: `import { createRuntime } from 'tidepool'`.
    const tests = runTidepool(process.execPath, ['--test', 'test/'], fixture('ts-esbuild-todos'));
    showOnFailure('node --test in ts-esbuild-todos', tests.output);
    expect(await tests.exited).toBe(0);
    expect(tests.output()).toMatch(/# pass 2\n/);
  });

  it('c. serverless.ts with v4 keys (org, app, build): an SDK v3 client made per call counts visits', async () => {
    const service = await start('serverless-ts-visits');
    expect(await request(service, 'GET', '/hello/ada')).toMatchObject({ status: 200, json: { message: 'Hello, ada!', visits: 1, region: 'ap-southeast-2' } });
    expect(await request(service, 'GET', '/hello/ada')).toMatchObject({ status: 200, json: { visits: 2 } });
    const { Item } = await dynamodbOf(service, 'ap-southeast-2').send(new GetItemCommand({ TableName: 'visits-dev', Key: { name: { S: 'ada' } } }));
    expect(Item).toEqual({ name: { S: 'ada' }, visits: { N: '2' } });
    expect(await stop(service)).toBe(0);
  });

  it('d. serverless-webpack (listed, not installed) and ES-module .js handlers: warned, bundled by esbuild, and working', async () => {
    const service = await start('webpack-events');
    // Not emulated, so listed at start rather than skipped in silence: the plugin and the schedule.
    expect(service.banner).toMatch(/serverless-webpack/);
    expect(service.banner).toMatch(/rollup[\s\S]{0,200}schedule|schedule[\s\S]{0,200}rollup/);

    const tracked = await request(service, 'POST', '/events', { user: 'u-7', action: 'login' });
    expect(tracked.status).toBe(202);
    expect(tracked.json).toMatchObject({ pk: 'USER#u-7', sk: expect.stringMatching(/^EVENT#\d{4}-/) });
    const { Items = [] } = await dynamodbOf(service, 'us-east-1').send(
      new QueryCommand({ TableName: 'events-webpack-dev-events', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: 'USER#u-7' } } }),
    );
    expect(Items.map((item) => item.action?.S)).toEqual(['login']);
    expect(await stop(service)).toBe(0);

    // The scheduled function still runs on demand.
    const rollup = await invoke('webpack-events', 'rollup');
    expect(rollup.json).toMatchObject({ outcome: 'success', result: { events: 0 } });
  });

  it('e. stream consumer with filterPatterns: only inserted SHIPPED orders reach it; also as the plugin (`sls tidepool invoke`, `sls tidepool start`)', async () => {
    const service = await start('stream-filter-shipping');
    expect(service.banner).toMatch(/onShipped ← arn:aws:dynamodb:us-east-1:\d{12}:table\/shipping-orders\/stream\//);
    const client = dynamodbOf(service, 'us-east-1');
    const order = (orderId: string, status: string) =>
      new PutItemCommand({ TableName: 'shipping-orders', Item: { customerId: { S: 'c-1' }, orderId: { S: orderId }, status: { S: status } } });
    // One partition key, so one shard, in this order: o-3's record comes after all the others.
    await client.send(order('o-1', 'PENDING')); // INSERT, not SHIPPED: filtered out
    await client.send(order('o-2', 'SHIPPED')); // matches
    await client.send(
      new UpdateItemCommand({
        TableName: 'shipping-orders',
        Key: { customerId: { S: 'c-1' }, orderId: { S: 'o-1' } },
        UpdateExpression: 'SET #s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': { S: 'SHIPPED' } },
      }),
    ); // MODIFY: filtered out (eventName INSERT only)
    await client.send(order('o-3', 'SHIPPED')); // matches

    const shipped = await eventually(async () => {
      const { Items = [] } = await client.send(new ScanCommand({ TableName: 'shipping-shipments' }));
      return Items.some((item) => item.orderId?.S === 'o-3') ? Items : undefined;
    }, 'onShipped to record o-3');
    expect(shipped.map((item) => [item.orderId?.S, item.eventName?.S, item.status?.S]).sort()).toEqual([
      ['o-2', 'INSERT', 'SHIPPED'],
      ['o-3', 'INSERT', 'SHIPPED'],
    ]);
    expect(await stop(service)).toBe(0);
    expect(service.run.output()).toMatch(/onShipped\s+stream shipping-orders \(\d records?\)/);

    // The plugin form (`plugins: [tidepool]`), through the service's own osls.
    const plugin = runTidepool(install.sls, ['tidepool', 'invoke', '--function', 'onShipped', '--event', 'events/shipped.json', '--json'], fixture('stream-filter-shipping'));
    showOnFailure('sls tidepool invoke in stream-filter-shipping', plugin.output);
    const code = await plugin.exited;
    const printed = plugin.stdout();
    expect({ code, output: plugin.output() }).toMatchObject({ code: 0 });
    expect(JSON.parse(printed.slice(printed.indexOf('{'), printed.lastIndexOf('}') + 1))).toMatchObject({ function: 'onShipped', outcome: 'success', result: { shipped: 1 } });

    // `sls tidepool start`: the same server, started by the framework.
    const viaPlugin = await startService(install.sls, fixture('stream-filter-shipping'), ['tidepool']);
    running.push(viaPlugin);
    showOnFailure('sls tidepool start in stream-filter-shipping', viaPlugin.run.output);
    const pluginClient = dynamodbOf(viaPlugin, 'us-east-1');
    await pluginClient.send(order('o-9', 'SHIPPED'));
    await eventually(async () => {
      const { Item } = await pluginClient.send(new GetItemCommand({ TableName: 'shipping-shipments', Key: { orderId: { S: 'o-9' } } }));
      return Item;
    }, 'onShipped (under sls tidepool start) to record o-9');
    expect(await stop(viaPlugin)).toBe(0);
  });

  it('f. TTL consumer: the expiry (userIdentity Service) is archived, a user delete is filtered out', async () => {
    const service = await start('ttl-sessions');
    const client = dynamodbOf(service, 'us-east-1');
    const now = Math.floor(Date.now() / 1000);
    const session = (sessionId: string, expiresAt: number) =>
      new PutItemCommand({ TableName: 'sessions-dev', Item: { userId: { S: 'u-1' }, sessionId: { S: sessionId }, expiresAt: { N: String(expiresAt) } } });
    // Same user (one shard): the user's own delete comes before the TTL removal.
    await client.send(session('s-logout', now + 3600));
    await client.send(new DeleteItemCommand({ TableName: 'sessions-dev', Key: { userId: { S: 'u-1' }, sessionId: { S: 's-logout' } } }));
    await client.send(session('s-expired', now - 60)); // already past its TTL: the next sweep (every second) removes it

    const archived = await eventually(async () => {
      const { Items = [] } = await client.send(new ScanCommand({ TableName: 'sessions-dev-archive' }));
      return Items.length > 0 ? Items : undefined;
    }, 'the TTL removal of s-expired to be archived');
    expect(archived).toEqual([{ sessionId: { S: 's-expired' }, userId: { S: 'u-1' }, expiresAt: { N: String(now - 60) }, removedBy: { S: 'dynamodb.amazonaws.com' } }]);
    const { Items: left = [] } = await client.send(new ScanCommand({ TableName: 'sessions-dev' }));
    expect(left).toEqual([]);
    expect(await stop(service)).toBe(0);

    // The same handler with a recorded batch: one TTL removal, one user delete (no filter on invoke).
    const invoked = await invoke('ttl-sessions', 'onSessionExpired', 'events/expired.json');
    expect(invoked.code).toBe(0);
    expect(invoked.json).toMatchObject({ outcome: 'success', result: { archived: 1, ignored: 1 } });
  });

  it('g. SQS and SNS from the handler: the queue and topic from resources deliver to their consumers', async () => {
    const service = await start('sqs-sns-notify');
    const queued = await request(service, 'POST', '/jobs', { jobId: 'job-1' });
    expect(queued).toMatchObject({ status: 202, json: { jobId: 'job-1', sqsMessageId: expect.any(String), snsMessageId: expect.any(String) } });
    const client = dynamodbOf(service, 'eu-central-1');
    const receipts = await eventually(async () => {
      const { Items = [] } = await client.send(new ScanCommand({ TableName: 'notify-dev-receipts' }));
      return Items.length >= 2 ? Items : undefined;
    }, 'both consumers to record job-1');
    const { sqsMessageId, snsMessageId } = queued.json as { sqsMessageId: string; snsMessageId: string };
    expect(receipts.map((item) => [item.id?.S, item.by?.S, item.messageId?.S]).sort()).toEqual([
      ['sns#job-1', 'notify-dev-alert', snsMessageId],
      ['sqs#job-1', 'notify-dev-work', sqsMessageId],
    ]);
    expect(await stop(service)).toBe(0);

    const invoked = await invoke('sqs-sns-notify', 'notify', 'events/job.json');
    expect(invoked.json).toMatchObject({ outcome: 'success', result: { statusCode: 202 } });
  });

  it('h. S3 is not emulated: the call fails at once, naming S3, PutObject and the function; the rest runs', async () => {
    const invoked = await invoke('s3-uploads', 'upload', 'events/upload.json');
    expect(invoked.code).toBe(1);
    expect(invoked.json.outcome).not.toBe('success');
    const message = `${invoked.json.error?.errorType}: ${invoked.json.error?.errorMessage}`;
    expect(message).not.toMatch(/Timedout|timed out/i);
    expect(message).toMatch(/\bS3\b/);
    expect(message).toMatch(/PutObject/);
    expect(message).toMatch(/\bupload\b/);
    process.stdout.write(`h. S3 PutObject failed after ${ms(invoked.json.durationMs)} (invoke wall time ${ms(invoked.wallMs)}): ${message}\n`);

    const service = await start('s3-uploads');
    expect(service.banner).toMatch(/UploadsBucket|AWS::S3::Bucket/);
    const failed = await request(service, 'POST', '/uploads/a.txt', 'hello');
    expect(failed.status).toBe(500);
    expect(await request(service, 'GET', '/uploads')).toMatchObject({ status: 200, json: { uploads: [] } });
    expect(await stop(service)).toBe(0);
    expect(service.run.output()).toMatch(/upload\s+httpApi POST \/uploads\/\{name\}[^\n]*S3 PutObject/);
  });

  it('bad input: a service that cannot run locally stops start with exit 2, naming the file, the function and the problem', async () => {
    const broken = join(install.dir, 'broken-uploads');
    cpSync(fixture('s3-uploads'), broken, { recursive: true });
    rmSync(join(broken, 'src', 'listUploads.js'));
    rmSync(join(broken, '.tidepool'), { recursive: true, force: true });
    const run = runTidepool(install.bin, ['start', '--port', '0', '--dynamodb-port', '0'], broken);
    showOnFailure('tidepool start in broken-uploads', run.output);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain(join(broken, 'serverless.yml'));
    expect(run.stderr()).toMatch(/function listUploads: .*src\/listUploads/);
    expect(run.stdout()).not.toContain('Ctrl-C to stop');
  });

  it('init errors: a function that throws while its module loads is listed at start, fails as Lambda does, and the others serve', async () => {
    const name = 'init-error-uploads';
    cpSync(fixture('s3-uploads'), join(install.dir, name), { recursive: true });
    rmSync(join(install.dir, name, '.tidepool'), { recursive: true, force: true });
    writeFileSync(join(install.dir, name, 'src', 'listUploads.js'), "'use strict';\nthrow new Error('LIST_LIMIT is not configured');\n");
    const service = await start(name);
    const listed = await request(service, 'GET', '/uploads');
    expect(listed.status).toBe(500);
    expect(await request(service, 'POST', '/uploads/b.txt', 'hello')).toMatchObject({ status: 500 }); // reached S3, refused
    expect(await stop(service)).toBe(0);
    expect(service.run.output()).toMatch(/listUploads \(src\/listUploads\.handler\): Error: LIST_LIMIT is not configured/);
    expect(service.run.output()).toMatch(/upload\s+httpApi POST \/uploads\/\{name\}[^\n]*S3 PutObject/);
  });

  it('aws-sdk v2 not installed on nodejs20.x: the init error says v2 is not part of that runtime', async () => {
    // Outside the scratch folder, so no node_modules above it has aws-sdk.
    const alone = mkdtempSync(join(tmpdir(), 'tidepool-no-sdk-v2-'));
    try {
      cpSync(fixture('js-sdk-v2-notes'), alone, { recursive: true });
      rmSync(join(alone, '.tidepool'), { recursive: true, force: true });
      const file = join(alone, 'serverless.yml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('runtime: nodejs14.x', 'runtime: nodejs20.x'));
      const invoked = await invokeJson(install.bin, alone, 'getNote');
      showOnFailure('tidepool invoke getNote without aws-sdk', () => invoked.output);
      expect(invoked.code).toBe(1);
      expect(invoked.json.error?.errorType).toBe('Runtime.ImportModuleError');
      expect(invoked.json.error?.errorMessage).toMatch(/Cannot find module 'aws-sdk'/);
      expect(invoked.json.error?.errorMessage).toMatch(/not part of the Lambda nodejs18\.x and later runtimes/);
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  });
});
