import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../Engine';

async function setup(extra: Record<string, unknown> = {}): Promise<{ engine: Engine; clock: VirtualClock }> {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1));
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock });
  await engine.execute('CreateTable', {
    TableName: 'orders',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    ...extra,
  });
  return { engine, clock };
}

const update = (engine: Engine, input: Record<string, unknown>) => engine.execute('UpdateTable', { TableName: 'orders', ...input });
const describeTable = async (engine: Engine) => (await engine.execute('DescribeTable', { TableName: 'orders' })).Table as Record<string, unknown>;

// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html
describe('UpdateTable: streams', () => {
  it('enabling gives a new stream ARN and label; disabling keeps the old stream readable as DISABLED with closed shards', async () => {
    const { engine, clock } = await setup();
    const enabled = (await update(engine, { StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } })).TableDescription as Record<string, string>;
    const first = enabled.LatestStreamArn as string;
    expect(first).toBe('arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2026-01-01T00:00:00.000');
    await engine.execute('PutItem', { TableName: 'orders', Item: { pk: { S: 'a' } } });
    clock.advance(1000);
    await update(engine, { StreamSpecification: { StreamEnabled: false } });
    expect((await describeTable(engine)).StreamSpecification).toBeUndefined();
    const old = engine.streamLog.describe(first);
    expect(old.status).toBe('DISABLED');
    expect(old.shards.every((s) => s.endingSequenceNumber !== undefined)).toBe(true);
    clock.advance(1000);
    const again = (await update(engine, { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } })).TableDescription as Record<string, string>;
    expect(again.LatestStreamArn).not.toBe(first);
    expect(again.LatestStreamLabel).toBe('2026-01-01T00:00:02.000');
    expect(engine.streamLog.list().map((s) => s.status)).toEqual(['DISABLED', 'ENABLED']);
    clock.advance(24 * 3600 * 1000);
    expect(engine.streamLog.list().map((s) => s.arn)).toEqual([again.LatestStreamArn]);
  });

  it('rejects changing the view type of an enabled stream, re-enabling, and disabling a missing stream, with AWS messages', async () => {
    const { engine } = await setup({ StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } });
    await expect(update(engine, { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } })).rejects.toMatchObject({
      type: 'ValidationException',
      message: 'Table already has an enabled stream: TableName: orders',
    });
    await expect(update(engine, { StreamSpecification: { StreamEnabled: true } })).rejects.toMatchObject({
      message: 'One or more parameter values were invalid: If stream is being enabled then UpdateViewType is required',
    });
    await expect(update(engine, { StreamSpecification: { StreamEnabled: false, StreamViewType: 'KEYS_ONLY' } })).rejects.toMatchObject({
      message: 'One or more parameter values were invalid: If stream is being disabled, then UpdateViewType must not be specified',
    });
    await update(engine, { StreamSpecification: { StreamEnabled: false } });
    await expect(update(engine, { StreamSpecification: { StreamEnabled: false } })).rejects.toMatchObject({
      message: 'Table has no stream to disable: TableName: orders',
    });
  });
});

describe('UpdateTable: indexes, billing and settings', () => {
  it('creates a GSI backfilled from existing items, and deletes it', async () => {
    const { engine } = await setup();
    for (const [pk, status] of [['a', 'NEW'], ['b', 'NEW'], ['c', 'DONE']]) {
      await engine.execute('PutItem', { TableName: 'orders', Item: { pk: { S: pk as string }, status: { S: status as string } } });
    }
    await update(engine, {
      AttributeDefinitions: [{ AttributeName: 'status', AttributeType: 'S' }],
      GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'byStatus', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } } }],
    });
    const query = (await engine.execute('Query', { TableName: 'orders', IndexName: 'byStatus', KeyConditionExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { S: 'NEW' } } })) as { Count: number };
    expect(query.Count).toBe(2);
    await engine.execute('PutItem', { TableName: 'orders', Item: { pk: { S: 'd' }, status: { S: 'NEW' } } });
    expect(((await describeTable(engine)).GlobalSecondaryIndexes as { ItemCount: number }[])[0]?.ItemCount).toBe(4);
    expect((await describeTable(engine)).AttributeDefinitions).toEqual([{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'status', AttributeType: 'S' }]);
    await update(engine, { GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'byStatus' } }] });
    expect((await describeTable(engine)).GlobalSecondaryIndexes).toBeUndefined();
  });

  it('allows one index creation or deletion per call', async () => {
    const { engine } = await setup();
    const create = (name: string) => ({ Create: { IndexName: name, KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } });
    await expect(update(engine, { GlobalSecondaryIndexUpdates: [create('one'), create('two')] })).rejects.toMatchObject({ type: 'LimitExceededException' });
    expect((await describeTable(engine)).GlobalSecondaryIndexes).toBeUndefined();
  });

  it('switches billing mode, and rejects an unchanged provisioned throughput', async () => {
    const { engine } = await setup();
    await expect(update(engine, { ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } })).rejects.toMatchObject({
      message: 'One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST',
    });
    await update(engine, { BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } });
    const table = await describeTable(engine);
    expect(table.BillingModeSummary).toMatchObject({ BillingMode: 'PROVISIONED' });
    expect(table.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 5, WriteCapacityUnits: 5 });
    await expect(update(engine, { ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } })).rejects.toMatchObject({
      message: expect.stringMatching(/^The provisioned throughput for the table will not change/),
    });
  });

  it('updates SSE, table class and deletion protection; an empty update is rejected', async () => {
    const { engine } = await setup();
    await expect(update(engine, {})).rejects.toMatchObject({ type: 'ValidationException' });
    await update(engine, { SSESpecification: { Enabled: true, SSEType: 'KMS' }, TableClass: 'STANDARD_INFREQUENT_ACCESS', DeletionProtectionEnabled: true });
    const table = await describeTable(engine);
    expect(table.SSEDescription).toMatchObject({ Status: 'ENABLED' });
    expect(table.TableClassSummary).toEqual({ TableClass: 'STANDARD_INFREQUENT_ACCESS' });
    expect(table.DeletionProtectionEnabled).toBe(true);
    await expect(update(engine, { TableClass: 'GLACIER' })).rejects.toMatchObject({ type: 'ValidationException' });
  });
});

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html (a deleted table's stream stays readable for 24 hours)
describe('DeleteTable and streams', () => {
  it('disables the stream of a deleted table, which stays readable for 24 hours', async () => {
    const { engine, clock } = await setup({ StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } });
    await engine.execute('PutItem', { TableName: 'orders', Item: { pk: { S: 'a' } } });
    await engine.execute('DeleteTable', { TableName: 'orders' });
    const [stream] = engine.streamLog.list();
    expect(stream?.status).toBe('DISABLED');
    expect(engine.streamLog.describe(stream!.arn).shards.flatMap((s) => engine.streams.readAfter(stream!.arn, s.shardId, undefined, 10))).toHaveLength(1);
    clock.advance(24 * 3600 * 1000);
    expect(engine.streamLog.list()).toEqual([]);
  });
});
