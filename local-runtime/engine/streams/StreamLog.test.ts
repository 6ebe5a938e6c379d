import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../Engine';
import type { StreamLogOptions } from './StreamLog';
import type { StreamRecord, StreamViewType } from './types';

async function tableWithStream(
  viewType: StreamViewType,
  clock = new VirtualClock(Date.UTC(2026, 10, 22, 3, 40)),
  streams: StreamLogOptions = {},
): Promise<{ engine: Engine; arn: string }> {
  const engine = new Engine({ region: 'eu-west-1', accountId: '123456789012', clock, streams });
  const out = await engine.execute('CreateTable', {
    TableName: 'events',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: viewType },
  });
  return { engine, arn: (out.TableDescription as { LatestStreamArn: string }).LatestStreamArn };
}

function records(engine: Engine, arn: string): StreamRecord[] {
  return engine.streams.shards(arn).flatMap((s) => engine.streams.readAfter(arn, s.shardId, undefined, 1000));
}

async function insertModifyRemove(engine: Engine): Promise<void> {
  await engine.execute('PutItem', { TableName: 'events', Item: { pk: { S: 'a' }, v: { N: '1' } } });
  await engine.execute('UpdateItem', { TableName: 'events', Key: { pk: { S: 'a' } }, UpdateExpression: 'SET v = :two', ExpressionAttributeValues: { ':two': { N: '2' } } });
  await engine.execute('DeleteItem', { TableName: 'events', Key: { pk: { S: 'a' } } });
}

// Record shape and view types: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html
describe('StreamLog', () => {
  it('labels the stream with its creation time', async () => {
    const { arn } = await tableWithStream('KEYS_ONLY');
    expect(arn).toBe('arn:aws:dynamodb:eu-west-1:123456789012:table/events/stream/2026-11-22T03:40:00.000');
  });

  it('NEW_AND_OLD_IMAGES: INSERT/MODIFY/REMOVE with both images where they exist', async () => {
    const { engine, arn } = await tableWithStream('NEW_AND_OLD_IMAGES');
    await insertModifyRemove(engine);
    const [insert, modify, remove] = records(engine, arn);
    expect(insert).toMatchObject({ eventName: 'INSERT', eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: 'eu-west-1' });
    expect(insert?.dynamodb).toMatchObject({ Keys: { pk: { S: 'a' } }, NewImage: { pk: { S: 'a' }, v: { N: '1' } }, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(insert?.dynamodb.OldImage).toBeUndefined();
    expect(modify?.dynamodb).toMatchObject({ OldImage: { v: { N: '1' } }, NewImage: { v: { N: '2' } } });
    expect(remove?.eventName).toBe('REMOVE');
    expect(remove?.dynamodb.OldImage).toEqual({ pk: { S: 'a' }, v: { N: '2' } });
    expect(remove?.dynamodb.NewImage).toBeUndefined();
  });

  it('NEW_IMAGE: only new images', async () => {
    const { engine, arn } = await tableWithStream('NEW_IMAGE');
    await insertModifyRemove(engine);
    const all = records(engine, arn);
    expect(all.map((r) => [r.eventName, !!r.dynamodb.NewImage, !!r.dynamodb.OldImage])).toEqual([
      ['INSERT', true, false],
      ['MODIFY', true, false],
      ['REMOVE', false, false],
    ]);
  });

  it('OLD_IMAGE: only old images', async () => {
    const { engine, arn } = await tableWithStream('OLD_IMAGE');
    await insertModifyRemove(engine);
    expect(records(engine, arn).map((r) => [r.eventName, !!r.dynamodb.NewImage, !!r.dynamodb.OldImage])).toEqual([
      ['INSERT', false, false],
      ['MODIFY', false, true],
      ['REMOVE', false, true],
    ]);
  });

  it('KEYS_ONLY: keys and size, no images', async () => {
    const { engine, arn } = await tableWithStream('KEYS_ONLY');
    await insertModifyRemove(engine);
    for (const record of records(engine, arn)) {
      expect(record.dynamodb.Keys).toEqual({ pk: { S: 'a' } });
      expect(record.dynamodb.NewImage).toBeUndefined();
      expect(record.dynamodb.OldImage).toBeUndefined();
      expect(record.dynamodb.SizeBytes).toBe(3);
    }
  });

  it('writes no record for writes that change nothing', async () => {
    const { engine, arn } = await tableWithStream('NEW_AND_OLD_IMAGES');
    await engine.execute('PutItem', { TableName: 'events', Item: { pk: { S: 'a' }, v: { N: '1' } } });
    await engine.execute('PutItem', { TableName: 'events', Item: { pk: { S: 'a' }, v: { N: '1.0' } } });
    await engine.execute('UpdateItem', { TableName: 'events', Key: { pk: { S: 'a' } }, UpdateExpression: 'SET v = :one', ExpressionAttributeValues: { ':one': { N: '1' } } });
    await engine.execute('DeleteItem', { TableName: 'events', Key: { pk: { S: 'missing' } } });
    await expect(
      engine.execute('PutItem', { TableName: 'events', Item: { pk: { S: 'a' } }, ConditionExpression: 'attribute_not_exists(pk)' }),
    ).rejects.toMatchObject({ type: 'ConditionalCheckFailedException' });
    expect(records(engine, arn).map((r) => r.eventName)).toEqual(['INSERT']);
  });

  it('numbers records with strictly increasing 21-digit sequence numbers, readable after a checkpoint', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 1));
    const { engine, arn } = await tableWithStream('KEYS_ONLY', clock, { shardCount: 1 });
    const heard: string[] = [];
    const unsubscribe = engine.streams.onAppend((a) => heard.push(a));
    for (const pk of ['a', 'b', 'c']) await engine.execute('PutItem', { TableName: 'events', Item: { pk: { S: pk } } });
    unsubscribe();
    await engine.execute('PutItem', { TableName: 'events', Item: { pk: { S: 'd' } } });
    const [shard] = engine.streams.shards(arn);
    const all = engine.streams.readAfter(arn, shard!.shardId, undefined, 10);
    const sequence = all.map((r) => r.dynamodb.SequenceNumber);
    expect(sequence.every((s) => /^\d{21}$/.test(s))).toBe(true);
    expect([...sequence].sort()).toEqual(sequence);
    expect(new Set(sequence).size).toBe(4);
    expect(engine.streams.readAfter(arn, shard!.shardId, sequence[1], 10).map((r) => r.dynamodb.Keys.pk)).toEqual([{ S: 'c' }, { S: 'd' }]);
    expect(engine.streams.latestSequenceNumber(arn, shard!.shardId)).toBe(sequence[3]);
    expect(heard).toEqual([arn, arn, arn]);
    expect(shard!.shardId).toMatch(/^shardId-\d{20}-[0-9a-f]{8}$/);
    expect(all[0]?.dynamodb.ApproximateCreationDateTime).toBe(Date.UTC(2026, 0, 1) / 1000);
  });

  it('drops records older than 24 hours', async () => {
    const clock = new VirtualClock();
    const { engine, arn } = await tableWithStream('KEYS_ONLY', clock);
    await engine.execute('PutItem', { TableName: 'events', Item: { pk: { S: 'old' } } });
    clock.advance(24 * 3600 * 1000 + 1000);
    await engine.execute('PutItem', { TableName: 'events', Item: { pk: { S: 'new' } } });
    expect(records(engine, arn).map((r) => r.dynamodb.Keys.pk)).toEqual([{ S: 'new' }]);
  });

  it('throws ResourceNotFoundException for an unknown stream', async () => {
    const { engine } = await tableWithStream('KEYS_ONLY');
    expect(() => engine.streams.shards('arn:aws:dynamodb:eu-west-1:123456789012:table/x/stream/y')).toThrow('Requested resource not found');
  });
});

const pkOf = (record: StreamRecord): string | undefined => (record.dynamodb.Keys.pk as { S?: string } | undefined)?.S;

async function put(engine: Engine, pk: string, v = 1): Promise<void> {
  await engine.execute('PutItem', { TableName: 'events', Item: { pk: { S: pk }, v: { N: String(v) } } });
}

function shardOf(engine: Engine, arn: string, pk: string): string[] {
  return engine.streams
    .shards(arn)
    .filter((s) => engine.streams.readAfter(arn, s.shardId, undefined, 1000).some((r) => pkOf(r) === pk))
    .map((s) => s.shardId);
}

// Shards and lineage: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html#Streams.Processing
describe('StreamLog shards', () => {
  it('spreads partition keys over several shards and keeps all records of one item in one shard, in order', async () => {
    const { engine, arn } = await tableWithStream('KEYS_ONLY', undefined, { shardCount: 4 });
    for (let round = 1; round <= 3; round++) for (let i = 0; i < 20; i++) await put(engine, `k${i}`, round);
    expect(engine.streams.shards(arn)).toHaveLength(4);
    const used = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const shards = shardOf(engine, arn, `k${i}`);
      expect(shards).toHaveLength(1);
      used.add(shards[0] as string);
      const mine = engine.streams.readAfter(arn, shards[0] as string, undefined, 1000).filter((r) => pkOf(r) === `k${i}`);
      expect(mine.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'MODIFY']);
    }
    expect(used.size).toBeGreaterThan(1);
  });

  it('rolls a full shard over into a child shard that names its parent; the parent closes with an ending sequence number', async () => {
    const { engine, arn } = await tableWithStream('KEYS_ONLY', undefined, { shardCount: 1, maxRecordsPerShard: 2 });
    for (const pk of ['a', 'b', 'c', 'd', 'e']) await put(engine, pk);
    const shards = engine.streams.shards(arn);
    expect(shards).toHaveLength(3);
    expect(shards[0]?.parentShardId).toBeUndefined();
    expect(shards[1]?.parentShardId).toBe(shards[0]?.shardId);
    expect(shards[2]?.parentShardId).toBe(shards[1]?.shardId);
    const first = engine.streams.readAfter(arn, shards[0]!.shardId, undefined, 10);
    expect(shards[0]?.endingSequenceNumber).toBe(first[1]?.dynamodb.SequenceNumber);
    expect(shards[2]?.endingSequenceNumber).toBeUndefined();
    const all = shards.flatMap((s) => engine.streams.readAfter(arn, s.shardId, undefined, 10)).map((r) => r.dynamodb.SequenceNumber);
    expect([...all].sort()).toEqual(all);
  });

  it('rolls shards over on the clock too (shardLifetimeMs)', async () => {
    const clock = new VirtualClock();
    const { engine, arn } = await tableWithStream('KEYS_ONLY', clock, { shardCount: 2, shardLifetimeMs: 60_000 });
    clock.advance(60_000);
    const shards = engine.streams.shards(arn);
    expect(shards).toHaveLength(4);
    expect(shards.slice(2).map((s) => s.parentShardId)).toEqual(shards.slice(0, 2).map((s) => s.shardId));
    expect(shards.slice(0, 2).every((s) => s.endingSequenceNumber !== undefined)).toBe(true);
  });
});
