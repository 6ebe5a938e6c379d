import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import { Engine } from '../engine/Engine';
import { startWireServer } from './startWireServer';
import type { WireServer } from './startWireServer';

const run = promisify(execFile);

/** The AWS CLI (v1, botocore) against the HTTP endpoint: it also validates the x-amz-crc32 header. */
describe('AWS CLI against startWireServer', () => {
  let server: WireServer;
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock() });

  async function aws(...args: string[]): Promise<unknown> {
    const { stdout } = await run('aws', ['dynamodb', ...args, '--endpoint-url', server.url, '--region', 'us-east-1', '--output', 'json'], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_PAGER: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
    });
    return stdout.trim() === '' ? {} : JSON.parse(stdout);
  }

  beforeAll(async () => {
    server = await startWireServer(engine, { host: '127.0.0.1', port: 0 });
    await engine.execute('CreateTable', {
      TableName: 'cli-table',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('lists tables', async () => {
    expect(await aws('list-tables')).toEqual({ TableNames: ['cli-table'] });
  });

  it('round-trips put-item and get-item', async () => {
    await aws('put-item', '--table-name', 'cli-table', '--item', JSON.stringify({ id: { S: 'a' }, n: { N: '01.50' } }));
    expect(await aws('get-item', '--table-name', 'cli-table', '--key', JSON.stringify({ id: { S: 'a' } }))).toEqual({ Item: { id: { S: 'a' }, n: { N: '1.5' } } });
  });

  it('reports a missing table with the AWS error type', async () => {
    const attempt = aws('describe-table', '--table-name', 'nope');
    await expect(attempt).rejects.toMatchObject({ stderr: expect.stringContaining('ResourceNotFoundException') });
  });
});
