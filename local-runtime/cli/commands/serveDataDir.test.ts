import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CreateTableCommand, DynamoDBClient, PutItemCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';

/** `tidepool serve --data-dir`: acknowledged writes survive `kill -9` (the process gets no chance to flush). */
const BIN = fileURLToPath(new URL('../bin.js', import.meta.url));

function serve(dataDir: string): { child: ChildProcess; url: Promise<string>; exited: Promise<unknown> } {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (match) resolve(match[0]);
    });
    void exited.then(() => reject(new Error(`serve exited before printing its URL:\n${out}`)));
  });
  return { child, url, exited };
}

const client = (endpoint: string) => new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });

async function streamArnOf(endpoint: string): Promise<string> {
  const db = client(endpoint);
  const { DescribeTableCommand } = await import('@aws-sdk/client-dynamodb');
  const arn = (await db.send(new DescribeTableCommand({ TableName: 'durable' }))).Table!.LatestStreamArn!;
  db.destroy();
  return arn;
}

/** Sequence numbers of a shard from an iterator (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetShardIterator.html). */
async function readShard(streams: DynamoDBStreamsClient, StreamArn: string, ShardId: string, from: { ShardIteratorType: 'TRIM_HORIZON' | 'AFTER_SEQUENCE_NUMBER'; SequenceNumber?: string }): Promise<string[]> {
  let iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn, ShardId, ...from }))).ShardIterator;
  const out: string[] = [];
  for (let page = 0; iterator && page < 20; page++) {
    const result = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
    out.push(...(result.Records ?? []).map((r) => r.dynamodb!.SequenceNumber!));
    if ((result.Records ?? []).length === 0) break;
    iterator = result.NextShardIterator;
  }
  return out;
}

describe('tidepool serve --data-dir', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('keeps every acknowledged write across kill -9, including concurrent ones', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tidepool-serve-data-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));

    const first = serve(dataDir);
    cleanups.push(() => first.child.kill('SIGKILL'));
    const db = client(await first.url);
    await db.send(new CreateTableCommand({
      TableName: 'durable',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
    }));
    for (let i = 0; i < 20; i++) await db.send(new PutItemCommand({ TableName: 'durable', Item: { id: { S: `seq-${i}` } } }));
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => db.send(new PutItemCommand({ TableName: 'durable', Item: { id: { S: `par-${i}` }, n: { N: '0' } } }))),
    );
    for (let i = 0; i < 5; i++) {
      await db.send(new UpdateItemCommand({ TableName: 'durable', Key: { id: { S: 'par-0' } }, UpdateExpression: 'SET n = n + :one', ExpressionAttributeValues: { ':one': { N: '1' } } }));
    }
    db.destroy();
    const streams = (endpoint: string) => new DynamoDBStreamsClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    const before = streams(await first.url);
    const { StreamDescription } = await before.send(new DescribeStreamCommand({ StreamArn: await streamArnOf(await first.url) }));
    const shardId = StreamDescription!.Shards![0]!.ShardId!;
    const seen = await readShard(before, StreamDescription!.StreamArn!, shardId, { ShardIteratorType: 'TRIM_HORIZON' });
    before.destroy();
    first.child.kill('SIGKILL');
    await first.exited;

    const second = serve(dataDir);
    cleanups.push(() => second.child.kill('SIGKILL'));
    const again = client(await second.url);
    const items = (await again.send(new ScanCommand({ TableName: 'durable' }))).Items ?? [];
    again.destroy();
    // A Streams client resumes after its last sequence number, under the same stream ARN and shard ids.
    const after = streams(await second.url);
    const resumed = await readShard(after, StreamDescription!.StreamArn!, shardId, { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: seen[0]! });
    const all = await readShard(after, StreamDescription!.StreamArn!, shardId, { ShardIteratorType: 'TRIM_HORIZON' });
    after.destroy();
    expect(seen.length).toBeGreaterThan(1);
    expect(all).toEqual(seen);
    expect(resumed).toEqual(seen.slice(1));

    expect(items).toHaveLength(120);
    expect(items.find((item) => item['id']?.S === 'par-0')?.['n']).toEqual({ N: '5' });
  });

  it('stops with exit code 2 on a damaged directory, naming the file and byte offset, and changes no file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tidepool-serve-damaged-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const record = (value: unknown) => {
      const payload = Buffer.from(JSON.stringify(value));
      return `${payload.length} ${'00000000'} ${payload.toString()}\n`;
    };
    writeFileSync(join(dataDir, 'journal-00000000.tpj'), record({ d: ['x'] }));
    const digest = () => readdirSync(dataDir).map((f) => `${f}:${createHash('sha256').update(readFileSync(join(dataDir, f))).digest('hex')}`);
    const before = digest();
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    cleanups.push(() => child.kill('SIGKILL'));
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise((resolve) => child.once('exit', resolve));

    expect(code).toBe(2);
    expect(stderr).toContain(`${join(dataDir, 'journal-00000000.tpj')}: damaged record at byte offset 0: its checksum does not match its contents`);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(digest()).toEqual(before);
  });
});
