import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import { Engine } from '../engine/Engine';
import { startWireServer, type WireServer } from '../wire/startWireServer';

/** `tidepool record` (and then `replay`) as subprocesses, against a wire server started in this test. */
const BIN = fileURLToPath(new URL('./bin.js', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const TABLE = 'rt-events';

const SERVERLESS_YML = `
service: rt
frameworkVersion: '4'
provider:
  name: aws
  runtime: nodejs22.x
  region: us-east-1
functions:
  consume:
    handler: consume.handler
    events:
      - stream:
          type: dynamodb
          arn: !GetAtt EventsTable.StreamArn
          batchSize: 2
resources:
  Resources:
    EventsTable:
      Type: AWS::DynamoDB::Table
      Properties:
        TableName: ${TABLE}
        BillingMode: PAY_PER_REQUEST
        AttributeDefinitions: [{ AttributeName: PK, AttributeType: S }]
        KeySchema: [{ AttributeName: PK, KeyType: HASH }]
        StreamSpecification: { StreamViewType: NEW_AND_OLD_IMAGES }
`;

/** Appends every record it receives to received.jsonl in the working directory. */
const CONSUME_MJS = `
import { appendFileSync } from 'node:fs';
export const handler = async (event) => {
  appendFileSync('received.jsonl', event.Records.map((r) => JSON.stringify(r) + '\\n').join(''));
  return {};
};
`;

/** Runs the CLI without blocking this process (the wire server it talks to lives here). */
function cli(args: string[], cwd: string, onStdout?: (text: string, child: ReturnType<typeof spawn>) => void) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE', 'AWS_SESSION_TOKEN']) delete env[name];
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      onStdout?.(stdout, child);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('tidepool record', () => {
  let engine: Engine;
  let server: WireServer;
  let dir: string;

  beforeAll(async () => {
    engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock(Date.UTC(2026, 0, 1)) });
    server = await startWireServer(engine, { port: 0 });
    await engine.execute('CreateTable', {
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    await engine.execute('CreateTable', {
      TableName: 'no-stream',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
    });
    const client = new DynamoDBClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'k', secretAccessKey: 's' } });
    for (const [pk, n] of [['a', '1'], ['b', '2'], ['c', '3'], ['a', '4']] as const) {
      await client.send(new PutItemCommand({ TableName: TABLE, Item: { PK: { S: pk }, n: { N: n }, bin: { B: new Uint8Array([1, 2, 3]) } } }));
    }
    client.destroy();
    dir = mkdtempSync(join(tmpdir(), 'tidepool-record-'));
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(join(dir, 'serverless.yml'), SERVERLESS_YML);
    writeFileSync(join(dir, 'consume.mjs'), CONSUME_MJS);
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records a stream into JSON Lines that replay accepts, and the same records reach the handler', async () => {
    // Reads through DescribeTable → LatestStreamArn, DescribeStream, GetShardIterator, GetRecords
    // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html).
    const recorded = await cli(['record', '--table', TABLE, '--endpoint', server.url, '--max-records', '4', '--out', 'batch.jsonl'], dir);
    expect(recorded.stderr).toContain(`recorded 4 records from ${TABLE} to batch.jsonl`);
    expect(recorded.code).toBe(0);
    const lines = readFileSync(join(dir, 'batch.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
    expect(lines.map((r) => [r['eventName'], r['dynamodb'].Keys.PK.S, r['dynamodb'].NewImage.n.N])).toEqual(
      expect.arrayContaining([['INSERT', 'a', '1'], ['INSERT', 'b', '2'], ['INSERT', 'c', '3'], ['MODIFY', 'a', '4']]),
    );
    // The Lambda shape (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html): epoch seconds, base64 binary, eventSourceARN.
    expect(lines[0]).toMatchObject({
      eventSource: 'aws:dynamodb',
      eventSourceARN: expect.stringMatching(new RegExp(`^arn:aws:dynamodb:us-east-1:000000000000:table/${TABLE}/stream/`)),
      dynamodb: { ApproximateCreationDateTime: Date.UTC(2026, 0, 1) / 1000, StreamViewType: 'NEW_AND_OLD_IMAGES', NewImage: { bin: { B: 'AQID' } } },
    });

    const replayed = await cli(['replay', 'consume', 'batch.jsonl', '--stage', 'test', '--json'], dir);
    expect(replayed.stderr).not.toContain('tidepool:');
    expect(replayed.code).toBe(0);
    expect(JSON.parse(replayed.stdout)).toMatchObject({ recordsRead: 4, filteredOut: 0, invocations: 2, batches: 2, retries: 0 });
    const received = readFileSync(join(dir, 'received.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const withoutArn = ({ eventSourceARN: _arn, ...rest }: Record<string, unknown>) => rest;
    expect(received.map(withoutArn)).toEqual(lines.map(withoutArn));
  }, 60_000);

  it('stops on Ctrl-C (SIGINT), keeping what it read, and exits 0', async () => {
    let interrupted = false;
    const run = await cli(['record', '--table', TABLE, '--endpoint', server.url], dir, (stdout, child) => {
      if (!interrupted && stdout.split('\n').length > 4) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    expect(interrupted).toBe(true);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(4);
    expect(run.stderr).toContain('recorded 4 records');
  }, 60_000);

  it('says when the table has no stream, or does not exist (exit 2)', async () => {
    const none = await cli(['record', '--table', 'no-stream', '--endpoint', server.url], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('table no-stream has no stream enabled');

    const missing = await cli(['record', '--table', 'nope', '--endpoint', server.url], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`no table nope at ${server.url}`);
  }, 60_000);
});
