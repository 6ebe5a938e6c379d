import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';

const BIN = fileURLToPath(new URL('../bin.js', import.meta.url));

/** Resolves with the first http:// URL the child prints. */
function urlFrom(child: ReturnType<typeof spawn>): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (match) resolve(match[0]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${String(code)} before printing its URL:\n${out}`)));
  });
}

describe('tidepool serve (subprocess)', () => {
  it('serves DynamoDB in memory with any credentials, answers GET /, and exits 0 on SIGINT', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    try {
      const url = await urlFrom(child);
      expect((await fetch(`${url}/`)).status).toBe(200);

      const client = new DynamoDBClient({ region: 'eu-central-1', endpoint: url, credentials: { accessKeyId: 'anything', secretAccessKey: 'at-all' } });
      await client.send(
        new CreateTableCommand({
          TableName: 'served',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        }),
      );
      await client.send(new PutItemCommand({ TableName: 'served', Item: { id: { S: '1' }, n: { N: '2' } } }));
      expect((await client.send(new GetItemCommand({ TableName: 'served', Key: { id: { S: '1' } } }))).Item).toEqual({ id: { S: '1' }, n: { N: '2' } });
      expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual(['served']);
      client.destroy();

      child.kill('SIGINT');
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
