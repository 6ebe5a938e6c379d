import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../../engine/Engine';
import { createInProcessRequestHandler } from '../createInProcessRequestHandler';
import { startWireServer } from '../startWireServer';
import type { StreamLogOptions } from '../../engine/streams/StreamLog';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const HOUR = 3600 * 1000;

interface Setup {
  engine: Engine;
  clock: VirtualClock;
  client: DynamoDBStreamsClient;
  arn: string;
  close(): Promise<void>;
}

type Transport = (engine: Engine) => Promise<{ client: DynamoDBStreamsClient; close(): Promise<void> }>;

const TRANSPORTS: Record<string, Transport> = {
  'in-process': async (engine) => {
    const client = new DynamoDBStreamsClient({ region: 'us-east-1', credentials, endpoint: 'http://in-process.tidepool', requestHandler: createInProcessRequestHandler(engine) });
    return { client, close: async () => client.destroy() };
  },
  HTTP: async (engine) => {
    const server = await startWireServer(engine, { host: '127.0.0.1', port: 0 });
    const client = new DynamoDBStreamsClient({ region: 'us-east-1', credentials, endpoint: server.url });
    return {
      client,
      close: async () => {
        client.destroy();
        await server.close();
      },
    };
  },
};

async function setup(transport: Transport, streams: StreamLogOptions = { shardCount: 1 }): Promise<Setup> {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1));
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock, streams });
  const created = await engine.execute('CreateTable', {
    TableName: 'orders',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
  const { client, close } = await transport(engine);
  return { engine, clock, client, close, arn: (created.TableDescription as { LatestStreamArn: string }).LatestStreamArn };
}

async function put(engine: Engine, ...pks: string[]): Promise<void> {
  for (const pk of pks) await engine.execute('PutItem', { TableName: 'orders', Item: { pk: { S: pk } } });
}

for (const [name, transport] of Object.entries(TRANSPORTS)) {
  // Streams API: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB_Streams.html
  describe(`DynamoDB Streams API through @aws-sdk/client-dynamodb-streams (${name})`, () => {
    let t: Setup;
    beforeEach(async () => {
      t = await setup(transport);
    });
    afterEach(async () => {
      await t.close();
    });

    const firstShard = async (): Promise<string> => {
      const out = await t.client.send(new DescribeStreamCommand({ StreamArn: t.arn }));
      return out.StreamDescription?.Shards?.[0]?.ShardId as string;
    };

    // A TTL deletion's record carries the service identity; the Streams API spells its fields
    // PrincipalId/Type (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_Identity.html,
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-streams.html).
    it('returns a TTL removal with userIdentity {Type: Service, PrincipalId: dynamodb.amazonaws.com}', async () => {
      await t.engine.execute('UpdateTimeToLive', { TableName: 'orders', TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true } });
      const expiresAt = Math.floor(t.clock.now() / 1000) + 60;
      await t.engine.execute('PutItem', { TableName: 'orders', Item: { pk: { S: 'gone' }, ttl: { N: String(expiresAt) } } });
      t.clock.advance(120_000);
      t.engine.ttl.sweep();

      const iterator = await t.client.send(new GetShardIteratorCommand({ StreamArn: t.arn, ShardId: await firstShard(), ShardIteratorType: 'TRIM_HORIZON' }));
      const { Records = [] } = await t.client.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator }));

      expect(Records.map((r) => r.eventName)).toEqual(['INSERT', 'REMOVE']);
      expect(Records[0]!.userIdentity).toBeUndefined();
      expect(Records[1]!.userIdentity).toEqual({ Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' });
    });

    // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_ListStreams.html
    it('lists streams, filtered by table, paged by Limit and ExclusiveStartStreamArn', async () => {
      t.clock.advance(1000);
      await t.engine.execute('CreateTable', {
        TableName: 'other',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      });
      const all = await t.client.send(new ListStreamsCommand({}));
      expect(all.Streams?.map((s) => s.TableName)).toEqual(['orders', 'other']);
      expect(all.Streams?.[0]).toEqual({ StreamArn: t.arn, TableName: 'orders', StreamLabel: '2026-01-01T00:00:00.000' });
      const page = await t.client.send(new ListStreamsCommand({ Limit: 1 }));
      expect(page.LastEvaluatedStreamArn).toBe(t.arn);
      const next = await t.client.send(new ListStreamsCommand({ ExclusiveStartStreamArn: page.LastEvaluatedStreamArn }));
      expect(next.Streams?.map((s) => s.TableName)).toEqual(['other']);
      expect((await t.client.send(new ListStreamsCommand({ TableName: 'other' }))).Streams).toHaveLength(1);
    });

    // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_DescribeStream.html
    it('describes a stream with its shards and sequence number ranges', async () => {
      const out = await t.client.send(new DescribeStreamCommand({ StreamArn: t.arn }));
      expect(out.StreamDescription).toMatchObject({
        StreamArn: t.arn,
        StreamLabel: '2026-01-01T00:00:00.000',
        StreamStatus: 'ENABLED',
        StreamViewType: 'NEW_AND_OLD_IMAGES',
        TableName: 'orders',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      });
      expect(out.StreamDescription?.CreationRequestDateTime).toEqual(new Date(Date.UTC(2026, 0, 1)));
      const shard = out.StreamDescription?.Shards?.[0];
      expect(shard?.ShardId).toMatch(/^shardId-\d{20}-[0-9a-f]{8}$/);
      expect(shard?.SequenceNumberRange?.StartingSequenceNumber).toMatch(/^\d{21}$/);
      expect(shard?.SequenceNumberRange?.EndingSequenceNumber).toBeUndefined();
    });

    it('reads records with TRIM_HORIZON, LATEST, AT_ and AFTER_SEQUENCE_NUMBER iterators', async () => {
      await put(t.engine, 'a', 'b', 'c');
      const ShardId = await firstShard();
      const read = async (input: Record<string, unknown>) => {
        const it = await t.client.send(new GetShardIteratorCommand({ StreamArn: t.arn, ShardId, ...input } as never));
        return t.client.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator }));
      };
      const all = await read({ ShardIteratorType: 'TRIM_HORIZON' });
      expect(all.Records?.map((r) => r.dynamodb?.Keys?.pk?.S)).toEqual(['a', 'b', 'c']);
      expect(all.Records?.[0]).toMatchObject({ eventName: 'INSERT', eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: 'us-east-1' });
      const second = all.Records?.[1]?.dynamodb?.SequenceNumber;
      expect((await read({ ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: second })).Records?.map((r) => r.dynamodb?.Keys?.pk?.S)).toEqual(['b', 'c']);
      expect((await read({ ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: second })).Records?.map((r) => r.dynamodb?.Keys?.pk?.S)).toEqual(['c']);
      const latest = await t.client.send(new GetShardIteratorCommand({ StreamArn: t.arn, ShardId, ShardIteratorType: 'LATEST' }));
      await put(t.engine, 'd');
      const fresh = await t.client.send(new GetRecordsCommand({ ShardIterator: latest.ShardIterator }));
      expect(fresh.Records?.map((r) => r.dynamodb?.Keys?.pk?.S)).toEqual(['d']);
      const empty = await t.client.send(new GetRecordsCommand({ ShardIterator: fresh.NextShardIterator }));
      expect(empty.Records).toEqual([]);
      expect(empty.NextShardIterator).toBeDefined();
    });

    it('pages GetRecords by Limit through NextShardIterator and rejects a Limit over 1000', async () => {
      await put(t.engine, 'a', 'b', 'c');
      const ShardId = await firstShard();
      const it1 = await t.client.send(new GetShardIteratorCommand({ StreamArn: t.arn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
      const page1 = await t.client.send(new GetRecordsCommand({ ShardIterator: it1.ShardIterator, Limit: 2 }));
      const page2 = await t.client.send(new GetRecordsCommand({ ShardIterator: page1.NextShardIterator, Limit: 2 }));
      expect([...(page1.Records ?? []), ...(page2.Records ?? [])].map((r) => r.dynamodb?.Keys?.pk?.S)).toEqual(['a', 'b', 'c']);
      await expect(t.client.send(new GetRecordsCommand({ ShardIterator: it1.ShardIterator, Limit: 1001 }))).rejects.toMatchObject({ name: 'ValidationException' });
    });

    it('ends a closed shard: NextShardIterator is absent once it is read to its end', async () => {
      await put(t.engine, 'a');
      const ShardId = await firstShard();
      const iterator = await t.client.send(new GetShardIteratorCommand({ StreamArn: t.arn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
      await t.engine.execute('UpdateTable', { TableName: 'orders', StreamSpecification: { StreamEnabled: false } });
      const out = await t.client.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator }));
      expect(out.Records).toHaveLength(1);
      expect(out.NextShardIterator).toBeUndefined();
      const described = await t.client.send(new DescribeStreamCommand({ StreamArn: t.arn }));
      expect(described.StreamDescription?.StreamStatus).toBe('DISABLED');
      expect(described.StreamDescription?.Shards?.[0]?.SequenceNumberRange?.EndingSequenceNumber).toBe(out.Records?.[0]?.dynamodb?.SequenceNumber);
    });

    // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetShardIterator.html
    it('expires iterators after 15 minutes (ExpiredIteratorException)', async () => {
      const ShardId = await firstShard();
      const iterator = await t.client.send(new GetShardIteratorCommand({ StreamArn: t.arn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
      t.clock.advance(15 * 60 * 1000 + 1);
      await expect(t.client.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator }))).rejects.toMatchObject({
        name: 'ExpiredIteratorException',
        message: 'The provided iterator exceeds the maximum age allowed.',
      });
    });

    // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetRecords.html (TrimmedDataAccessException)
    it('trims records after 24 hours: an iterator before the trim horizon gets TrimmedDataAccessException', async () => {
      await put(t.engine, 'old');
      const ShardId = await firstShard();
      const [old] = t.engine.streams.readAfter(t.arn, ShardId, undefined, 1);
      t.clock.advance(10 * 60 * 1000);
      await put(t.engine, 'x');
      t.clock.advance(24 * HOUR - 11 * 60 * 1000);
      const iterator = await t.client.send(new GetShardIteratorCommand({ StreamArn: t.arn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
      t.clock.advance(2 * 60 * 1000);
      const trimmed = { name: 'TrimmedDataAccessException', message: 'The operation attempted to read past the oldest stream record in a shard.' };
      await expect(t.client.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator }))).rejects.toMatchObject(trimmed);
      await expect(
        t.client.send(new GetShardIteratorCommand({ StreamArn: t.arn, ShardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: old?.dynamodb.SequenceNumber })),
      ).rejects.toMatchObject(trimmed);
      const horizon = await t.client.send(new GetShardIteratorCommand({ StreamArn: t.arn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
      expect((await t.client.send(new GetRecordsCommand({ ShardIterator: horizon.ShardIterator }))).Records?.map((r) => r.dynamodb?.Keys?.pk?.S)).toEqual(['x']);
    });

    it('answers unknown streams and shards with ResourceNotFoundException, bad input with ValidationException', async () => {
      const missing = 'arn:aws:dynamodb:us-east-1:000000000000:table/nope/stream/2026-01-01T00:00:00.000';
      await expect(t.client.send(new DescribeStreamCommand({ StreamArn: missing }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: `Requested resource not found: Stream: ${missing} not found`,
      });
      await expect(
        t.client.send(new GetShardIteratorCommand({ StreamArn: t.arn, ShardId: 'shardId-00000000000000000000-00000000', ShardIteratorType: 'LATEST' })),
      ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
      await expect(t.client.send(new GetShardIteratorCommand({ StreamArn: t.arn, ShardId: await firstShard(), ShardIteratorType: 'AT_SEQUENCE_NUMBER' }))).rejects.toMatchObject({
        name: 'ValidationException',
      });
      await expect(t.client.send(new GetRecordsCommand({ ShardIterator: 'garbage' }))).rejects.toMatchObject({ name: 'ValidationException' });
    });
  });
}

describe('DynamoDB Streams API: shard order and lineage', () => {
  // Shards are listed in lexical order of ShardId and ExclusiveStartShardId continues after the given id, named
  // shard or not (the contract Kinesis documents and Streams clients page by:
  // https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListShards.html#Streams-ListShards-request-ExclusiveStartShardId).
  it('lists shards in lexical order of ShardId and pages after any ExclusiveStartShardId', async () => {
    const t = await setup(TRANSPORTS['in-process'] as Transport, { shardCount: 4, maxRecordsPerShard: 1 });
    await put(t.engine, 'a', 'b', 'c', 'd', 'e', 'f');
    const all = (await t.client.send(new DescribeStreamCommand({ StreamArn: t.arn }))).StreamDescription?.Shards ?? [];
    const ids = all.map((s) => s.ShardId as string);
    expect(ids.length).toBeGreaterThan(4);
    expect(ids).toEqual([...ids].sort());
    const pages: string[] = [];
    let start: string | undefined;
    do {
      const page = await t.client.send(new DescribeStreamCommand({ StreamArn: t.arn, Limit: 3, ExclusiveStartShardId: start }));
      pages.push(...(page.StreamDescription?.Shards ?? []).map((s) => s.ShardId as string));
      start = page.StreamDescription?.LastEvaluatedShardId;
    } while (start !== undefined);
    expect(pages).toEqual(ids);
    const between = `${ids[1] as string}0`;
    const after = await t.client.send(new DescribeStreamCommand({ StreamArn: t.arn, ExclusiveStartShardId: between }));
    expect(after.StreamDescription?.Shards?.map((s) => s.ShardId)).toEqual(ids.slice(2));
    await t.close();
  });

  it('links each child to its parent and lists a shard’s children with ShardFilter CHILD_SHARDS', async () => {
    const t = await setup(TRANSPORTS['in-process'] as Transport, { shardCount: 1, maxRecordsPerShard: 1 });
    await put(t.engine, 'a', 'b', 'c');
    const all = (await t.client.send(new DescribeStreamCommand({ StreamArn: t.arn }))).StreamDescription?.Shards ?? [];
    expect(all).toHaveLength(3);
    const root = all.find((s) => s.ParentShardId === undefined);
    const child = all.find((s) => s.ParentShardId === root?.ShardId);
    const grandchild = all.find((s) => s.ParentShardId === child?.ShardId);
    expect([root, child, grandchild].every((s) => s !== undefined)).toBe(true);
    expect(grandchild?.SequenceNumberRange?.EndingSequenceNumber).toBeUndefined();
    const page = await t.client.send(new DescribeStreamCommand({ StreamArn: t.arn, Limit: 2 }));
    expect(page.StreamDescription?.LastEvaluatedShardId).toBe(all[1]?.ShardId);
    const children = await t.client.send(new DescribeStreamCommand({ StreamArn: t.arn, ShardFilter: { Type: 'CHILD_SHARDS', ShardId: root?.ShardId } }));
    expect(children.StreamDescription?.Shards?.map((s) => s.ShardId)).toEqual([child?.ShardId]);
    await t.close();
  });

  // aws-sdk-js's integration suite (run against DynamoDB Streams) expects `Invalid StreamArn` for `StreamArn: 'fake-stream'`.
  it.each(['fake-stream', 'arn:aws:dynamodb:us-east-1:000000000000:table/orders', 'arn:aws:s3:::bucket/table/x/stream/label-is-long-enough'])(
    'answers ValidationException Invalid StreamArn for the malformed ARN %s',
    async (arn) => {
      const t = await setup(TRANSPORTS['in-process'] as Transport);
      await expect(t.client.send(new DescribeStreamCommand({ StreamArn: arn }))).rejects.toMatchObject({ name: 'ValidationException', message: 'Invalid StreamArn' });
      await expect(t.client.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: 'shardId-00000000000000000000-00000000', ShardIteratorType: 'LATEST' }))).rejects.toMatchObject({
        name: 'ValidationException',
        message: 'Invalid StreamArn',
      });
      await t.close();
    },
  );

  it('lists streams in lexical order of ARN and pages after any ExclusiveStartStreamArn', async () => {
    const t = await setup(TRANSPORTS['in-process'] as Transport);
    for (const name of ['zeta', 'alpha', 'mid']) {
      await t.engine.execute('CreateTable', {
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      });
    }
    const listed = (await t.client.send(new ListStreamsCommand({}))).Streams?.map((s) => s.TableName);
    expect(listed).toEqual(['alpha', 'mid', 'orders', 'zeta']);
    const after = await t.client.send(new ListStreamsCommand({ ExclusiveStartStreamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/n/stream/x' }));
    expect(after.Streams?.map((s) => s.TableName)).toEqual(['orders', 'zeta']);
    await t.close();
  });
});
