import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CreateTableCommand, DynamoDBClient, PutItemCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';

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
    }));
    for (let i = 0; i < 20; i++) await db.send(new PutItemCommand({ TableName: 'durable', Item: { id: { S: `seq-${i}` } } }));
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => db.send(new PutItemCommand({ TableName: 'durable', Item: { id: { S: `par-${i}` }, n: { N: '0' } } }))),
    );
    for (let i = 0; i < 5; i++) {
      await db.send(new UpdateItemCommand({ TableName: 'durable', Key: { id: { S: 'par-0' } }, UpdateExpression: 'SET n = n + :one', ExpressionAttributeValues: { ':one': { N: '1' } } }));
    }
    db.destroy();
    first.child.kill('SIGKILL');
    await first.exited;

    const second = serve(dataDir);
    cleanups.push(() => second.child.kill('SIGKILL'));
    const again = client(await second.url);
    const items = (await again.send(new ScanCommand({ TableName: 'durable' }))).Items ?? [];
    again.destroy();

    expect(items).toHaveLength(120);
    expect(items.find((item) => item['id']?.S === 'par-0')?.['n']).toEqual({ N: '5' });
  });
});
