import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../../engine/Engine';
import { startWireServer } from '../startWireServer';
import type { WireServer } from '../startWireServer';

const run = promisify(execFile);

/** `aws dynamodbstreams … --endpoint-url` (botocore) against the HTTP endpoint, unchanged. */
describe('AWS CLI dynamodbstreams against startWireServer', () => {
  let server: WireServer;
  let streamArn: string;
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock(), streams: { shardCount: 1 } });

  async function aws(...args: string[]): Promise<Record<string, unknown>> {
    const { stdout } = await run('aws', ['dynamodbstreams', ...args, '--endpoint-url', server.url, '--region', 'us-east-1', '--output', 'json'], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_PAGER: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
    });
    return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
  }

  beforeAll(async () => {
    server = await startWireServer(engine, { host: '127.0.0.1', port: 0 });
    const created = await engine.execute('CreateTable', {
      TableName: 'cli-stream',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    });
    streamArn = (created.TableDescription as { LatestStreamArn: string }).LatestStreamArn;
    await engine.execute('PutItem', { TableName: 'cli-stream', Item: { id: { S: 'a' }, n: { N: '1' } } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('lists, describes, and reads a stream', async () => {
    const listed = (await aws('list-streams', '--table-name', 'cli-stream')) as { Streams: { StreamArn: string }[] };
    expect(listed.Streams.map((s) => s.StreamArn)).toEqual([streamArn]);
    const described = (await aws('describe-stream', '--stream-arn', streamArn)) as { StreamDescription: { StreamStatus: string; Shards: { ShardId: string }[] } };
    expect(described.StreamDescription.StreamStatus).toBe('ENABLED');
    // The one record is in the shard its partition key hashes to: read each until it shows.
    type Page = { Records: { eventName: string; dynamodb: { NewImage: unknown } }[]; NextShardIterator: string };
    let records: Page | undefined;
    for (const { ShardId } of described.StreamDescription.Shards) {
      const iterator = (await aws('get-shard-iterator', '--stream-arn', streamArn, '--shard-id', ShardId, '--shard-iterator-type', 'TRIM_HORIZON')) as { ShardIterator: string };
      records = (await aws('get-records', '--shard-iterator', iterator.ShardIterator)) as Page;
      if (records.Records.length > 0) break;
    }
    if (records === undefined) throw new Error('the stream has no shards');
    expect(records.Records.map((r) => r.eventName)).toEqual(['INSERT']);
    expect(records.Records[0]?.dynamodb.NewImage).toEqual({ id: { S: 'a' }, n: { N: '1' } });
    expect(typeof records.NextShardIterator).toBe('string');
  });

  it('reports an unknown stream with the AWS error type', async () => {
    const attempt = aws('describe-stream', '--stream-arn', 'arn:aws:dynamodb:us-east-1:000000000000:table/x/stream/2026-01-01T00:00:00.000');
    await expect(attempt).rejects.toMatchObject({ stderr: expect.stringContaining('ResourceNotFoundException') });
  });
});
