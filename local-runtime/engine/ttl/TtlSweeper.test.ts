import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../Engine';
import type { TtlOptions } from './TtlSweeper';
import type { StreamRecord } from '../streams/types';

const START = Date.UTC(2026, 0, 1);
const nowSeconds = START / 1000;

async function setup(ttl: TtlOptions = {}): Promise<{ engine: Engine; clock: VirtualClock; arn: string }> {
  const clock = new VirtualClock(START);
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock, ttl });
  const created = await engine.execute('CreateTable', {
    TableName: 'sessions',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'g', AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [{ IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
  await engine.execute('UpdateTimeToLive', { TableName: 'sessions', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' } });
  return { engine, clock, arn: (created.TableDescription as { LatestStreamArn: string }).LatestStreamArn };
}

async function put(engine: Engine, pk: string, expiresAt: Record<string, unknown> | undefined): Promise<void> {
  await engine.execute('PutItem', { TableName: 'sessions', Item: { pk: { S: pk }, g: { S: 'x' }, ...(expiresAt ? { expiresAt } : {}) } });
}

async function keys(engine: Engine): Promise<string[]> {
  const out = (await engine.execute('Scan', { TableName: 'sessions' })) as { Items: { pk: { S: string } }[] };
  return out.Items.map((i) => i.pk.S).sort();
}

const pkOf = (record: StreamRecord): string | undefined => (record.dynamodb.Keys.pk as { S?: string } | undefined)?.S;

function removes(engine: Engine, arn: string): StreamRecord[] {
  return engine.streams
    .shards(arn)
    .flatMap((s) => engine.streams.readAfter(arn, s.shardId, undefined, 1000))
    .filter((r) => r.eventName === 'REMOVE');
}

// TTL: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html
describe('TtlSweeper', () => {
  it('re-checks a table written since the last sweep even when the clock has not moved', async () => {
    const { engine } = await setup();
    await put(engine, 'fresh', { N: String(nowSeconds + 60) });
    expect(engine.ttl.sweep()).toBe(0);
    expect(engine.ttl.sweep()).toBe(0);

    await put(engine, 'stale', { N: String(nowSeconds - 60) });

    expect(engine.ttl.sweep()).toBe(1);
    expect(await keys(engine)).toEqual(['fresh']);
  });

  it('keeps expired items readable until a sweep, then deletes them with their index entries', async () => {
    const { engine, clock } = await setup();
    await put(engine, 'soon', { N: String(nowSeconds + 60) });
    await put(engine, 'later', { N: String(nowSeconds + 3600) });
    await put(engine, 'never', undefined);
    clock.advance(61_000);
    expect(await keys(engine)).toEqual(['later', 'never', 'soon']);
    expect(engine.ttl.sweep()).toBe(1);
    expect(await keys(engine)).toEqual(['later', 'never']);
    const byIndex = (await engine.execute('Query', { TableName: 'sessions', IndexName: 'byG', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': { S: 'x' } } })) as { Count: number };
    expect(byIndex.Count).toBe(2);
  });

  it('only expires Number attributes, and leaves items whose TTL is more than five years in the past', async () => {
    const { engine, clock } = await setup();
    await put(engine, 'string', { S: String(nowSeconds - 10) });
    await put(engine, 'ancient', { N: String(nowSeconds - 6 * 365 * 24 * 3600) });
    await put(engine, 'number', { N: String(nowSeconds - 10) });
    clock.advance(1000);
    engine.ttl.sweep();
    expect(await keys(engine)).toEqual(['ancient', 'string']);
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-streams.html
  it('marks TTL deletions in the stream with the DynamoDB service identity; user deletes carry none', async () => {
    const { engine, clock, arn } = await setup();
    await put(engine, 'expiring', { N: String(nowSeconds + 1) });
    await put(engine, 'deleted', undefined);
    await engine.execute('DeleteItem', { TableName: 'sessions', Key: { pk: { S: 'deleted' } } });
    clock.advance(2000);
    engine.ttl.sweep();
    const all = removes(engine, arn);
    const userDelete = all.find((r) => pkOf(r) === 'deleted');
    const ttlDelete = all.find((r) => pkOf(r) === 'expiring');
    expect(all).toHaveLength(2);
    expect(userDelete?.userIdentity).toBeUndefined();
    expect(ttlDelete?.userIdentity).toEqual({ type: 'Service', principalId: 'dynamodb.amazonaws.com' });
    expect(ttlDelete?.dynamodb.OldImage?.pk).toEqual({ S: 'expiring' });
  });

  it('honours a configured deletion delay', async () => {
    const { engine, clock } = await setup({ deletionDelayMs: 60_000 });
    await put(engine, 'a', { N: String(nowSeconds) });
    clock.advance(30_000);
    expect(engine.ttl.sweep()).toBe(0);
    clock.advance(30_000);
    expect(engine.ttl.sweep()).toBe(1);
  });

  it('does nothing on tables without TTL enabled', async () => {
    const { engine, clock } = await setup();
    await engine.execute('UpdateTimeToLive', { TableName: 'sessions', TimeToLiveSpecification: { Enabled: false, AttributeName: 'expiresAt' } });
    await put(engine, 'a', { N: String(nowSeconds - 5) });
    clock.advance(1000);
    expect(engine.ttl.sweep()).toBe(0);
  });
});
