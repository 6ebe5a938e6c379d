import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../Engine';
import { pkSkKeys } from '../testing/pkSkKeys';
import { rejection } from '../testing/rejection';
import { THROTTLE_MESSAGES } from './throttleErrors';

const S = (value: string) => ({ S: value });

async function provisioned(rcu: number, wcu: number, options: { gsiWcu?: number; capacity?: boolean } = {}) {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1));
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock, capacity: options.capacity ?? true });
  await engine.execute('CreateTable', {
    TableName: 'tbl',
    BillingMode: 'PROVISIONED',
    ProvisionedThroughput: { ReadCapacityUnits: rcu, WriteCapacityUnits: wcu },
    AttributeDefinitions: [...pkSkKeys.AttributeDefinitions, ...(options.gsiWcu !== undefined ? [{ AttributeName: 'G', AttributeType: 'S' }] : [])],
    KeySchema: pkSkKeys.KeySchema,
    ...(options.gsiWcu !== undefined && {
      GlobalSecondaryIndexes: [
        {
          IndexName: 'ByG',
          KeySchema: [{ AttributeName: 'G', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
          ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: options.gsiWcu },
        },
      ],
    }),
  });
  const put = (pk: string, extra: Record<string, unknown> = {}) => engine.execute('PutItem', { TableName: 'tbl', Item: { PK: S(pk), SK: S('s'), ...extra } });
  return { engine, clock, put };
}

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/provisioned-capacity-mode.html
describe('provisioned capacity', () => {
  it('serves the provisioned write units a second, then throws ProvisionedThroughputExceededException until the clock refills the bucket', async () => {
    const { engine, clock, put } = await provisioned(5, 5);
    for (let i = 0; i < 5; i++) await put(`p${i}`);
    const error = await rejection(put('p5'));
    expect(error.type).toBe('ProvisionedThroughputExceededException');
    expect(error.message).toBe(THROTTLE_MESSAGES.table);
    expect(error.extra.ThrottlingReasons).toEqual([{ reason: 'TableWriteProvisionedThroughputExceeded', resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/tbl' }]);
    expect(await engine.execute('GetItem', { TableName: 'tbl', Key: { PK: S('p5'), SK: S('s') }, ConsistentRead: true })).toEqual({});
    clock.advance(200);
    await put('p5'); // 200 ms refill one unit
    await expect(put('p6')).rejects.toMatchObject({ type: 'ProvisionedThroughputExceededException' });
    expect(engine.capacity?.counters).toMatchObject({ throttledRequests: 2, byOperation: { PutItem: { requests: 8, throttled: 2 } } });
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/burst-adaptive-capacity.html
  it('keeps up to 300 seconds of unused capacity for bursts, no more', async () => {
    const { clock, put } = await provisioned(1, 2);
    clock.advance(10 * 60 * 1000);
    // 300 s × 2 units = 600 units retained: 600 one-unit writes pass at once, the next is throttled.
    for (let i = 0; i < 600; i++) await put(`p${i}`);
    await expect(put('x')).rejects.toMatchObject({ type: 'ProvisionedThroughputExceededException' });
  });

  it('charges 1 KB write units: a 3 KB item takes 3 units', async () => {
    const { put } = await provisioned(1, 3);
    await put('big', { blob: S('x'.repeat(2100)) }); // 3 units: the bucket of 3 is now empty
    await expect(put('small')).rejects.toMatchObject({ type: 'ProvisionedThroughputExceededException' });
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.ReadConsistency.html
  it('charges eventually consistent reads half a unit and strongly consistent reads one', async () => {
    const { engine, put } = await provisioned(1, 1);
    await put('a');
    const get = (ConsistentRead: boolean) => engine.execute('GetItem', { TableName: 'tbl', Key: { PK: S('a'), SK: S('s') }, ConsistentRead });
    await get(false);
    await get(false);
    await expect(get(false)).rejects.toMatchObject({ type: 'ProvisionedThroughputExceededException', extra: { ThrottlingReasons: [{ reason: 'TableReadProvisionedThroughputExceeded' }] } });
    const other = await provisioned(1, 1);
    await other.engine.execute('GetItem', { TableName: 'tbl', Key: { PK: S('a'), SK: S('s') }, ConsistentRead: true });
    await expect(other.engine.execute('Query', { TableName: 'tbl', KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': S('a') } })).rejects.toMatchObject({
      type: 'ProvisionedThroughputExceededException',
    });
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.ThroughputConsiderations
  it('throttles the table writes that would update a GSI out of capacity, and only those', async () => {
    const { engine, put } = await provisioned(10, 100, { gsiWcu: 1 });
    await put('a', { G: S('g') });
    const error = await rejection(put('b', { G: S('g') }));
    expect(error.type).toBe('ProvisionedThroughputExceededException');
    expect(error.message).toBe(THROTTLE_MESSAGES.gsi);
    expect(error.extra.ThrottlingReasons).toEqual([{ reason: 'IndexWriteProvisionedThroughputExceeded', resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/tbl/index/ByG' }]);
    await put('c'); // no G: not in the sparse index, no index write
    expect(engine.capacity?.seen.get('tbl/index/ByG')?.usage).toMatchObject({ writeUnits: 1, throttledWrites: 1 });
  });

  it('applies an UpdateTable capacity change at once', async () => {
    const { engine, clock, put } = await provisioned(1, 1);
    await put('a');
    await expect(put('b')).rejects.toMatchObject({ type: 'ProvisionedThroughputExceededException' });
    await engine.execute('UpdateTable', { TableName: 'tbl', ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 50 } });
    // The bucket is still empty at the same instant; a tenth of a second refills 5 units at the new rate.
    await expect(put('b')).rejects.toMatchObject({ type: 'ProvisionedThroughputExceededException' });
    clock.advance(100);
    for (const pk of ['b', 'c', 'd', 'e', 'f']) await put(pk);
    await expect(put('g')).rejects.toMatchObject({ type: 'ProvisionedThroughputExceededException' });
  });

  it('is off by default: nothing is throttled', async () => {
    const { engine, put } = await provisioned(1, 1, { capacity: false });
    for (let i = 0; i < 50; i++) await put(`p${i}`);
    expect(engine.capacity).toBeUndefined();
  });
});

// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
describe('batches and transactions', () => {
  it('BatchWriteItem returns the throttled requests in UnprocessedItems and writes the rest', async () => {
    const { engine } = await provisioned(1, 2);
    const requests = ['a', 'b', 'c', 'd'].map((pk) => ({ PutRequest: { Item: { PK: S(pk), SK: S('s') } } }));
    const out = await engine.execute('BatchWriteItem', { RequestItems: { tbl: requests } });
    expect(out.UnprocessedItems).toEqual({ tbl: requests.slice(2) });
    const scan = await engine.execute('Scan', { TableName: 'tbl', ConsistentRead: false });
    expect(scan.Count).toBe(2);
    expect(engine.capacity?.counters).toMatchObject({ unprocessedItems: 2 });
  });

  it('BatchWriteItem with every request throttled fails with ProvisionedThroughputExceededException', async () => {
    const { engine, put } = await provisioned(1, 1);
    await put('x');
    const error = await rejection(engine.execute('BatchWriteItem', { RequestItems: { tbl: [{ PutRequest: { Item: { PK: S('a'), SK: S('s') } } }] } }));
    expect(error.type).toBe('ProvisionedThroughputExceededException');
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html
  it('BatchGetItem returns throttled keys in UnprocessedKeys with the table parameters', async () => {
    const { engine, clock, put } = await provisioned(1, 10);
    for (const pk of ['a', 'b', 'c']) await put(pk);
    clock.advance(0);
    const keys = ['a', 'b', 'c'].map((pk) => ({ PK: S(pk), SK: S('s') }));
    const out = await engine.execute('BatchGetItem', { RequestItems: { tbl: { Keys: keys, ConsistentRead: true } } });
    expect((out.Responses as Record<string, unknown[]>).tbl).toHaveLength(1);
    expect(out.UnprocessedKeys).toEqual({ tbl: { Keys: keys.slice(1), ConsistentRead: true } });
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html#API_TransactWriteItems_Errors
  it('TransactWriteItems costs two units an item and is cancelled with ProvisionedThroughputExceeded reasons when throttled', async () => {
    const { engine } = await provisioned(1, 2);
    const transact = (pk: string) => engine.execute('TransactWriteItems', { TransactItems: [{ Put: { TableName: 'tbl', Item: { PK: S(pk), SK: S('s') } } }] });
    await transact('a');
    const error = await rejection(transact('b'));
    expect(error.type).toBe('TransactionCanceledException');
    expect(error.extra.CancellationReasons).toEqual([{ Code: 'ProvisionedThroughputExceeded', Message: THROTTLE_MESSAGES.table }]);
    expect(error.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [ProvisionedThroughputExceeded]');
    expect(engine.capacity?.counters.throttledRequests).toBe(1);
  });
});

async function onDemand() {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1));
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock, capacity: true });
  await engine.execute('CreateTable', { TableName: 'odt', BillingMode: 'PAY_PER_REQUEST', ...pkSkKeys });
  // 10 KB items: 10 write units each.
  const put = (pk: string, sk: string) => engine.execute('PutItem', { TableName: 'odt', Item: { PK: S(pk), SK: S(sk), blob: S('x'.repeat(10 * 1024 - 20)) } });
  return { engine, clock, put };
}

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode.html
describe('on-demand and partitions', () => {
  it('serves up to double the previous peak (4,000 write units a second at first), then throws ThrottlingException', async () => {
    const { clock, put } = await onDemand();
    for (let i = 0; i < 400; i++) await put(`p${i % 40}`, `s${i}`); // 4,000 units over 40 partitions (100 each)
    const error = await rejection(put('q', 's'));
    expect(error.type).toBe('ThrottlingException');
    expect(error.message).toBe(THROTTLE_MESSAGES.onDemand);
    clock.advance(1000);
    await put('q', 's');
  });

  it('raises the limit to double a peak once that peak is 30 minutes old', async () => {
    const { clock, put } = await onDemand();
    // A second at 3,000 units: the peak. Within 30 minutes the limit stays 4,000.
    for (let i = 0; i < 300; i++) await put(`p${i % 30}`, `s${i}`);
    clock.advance(31 * 60 * 1000);
    for (let i = 0; i < 600; i++) await put(`r${i % 60}`, `s${i}`); // 6,000 units: double 3,000
    await expect(put('z', 'z')).rejects.toMatchObject({ type: 'ThrottlingException' });
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html
  it('throttles one partition key value above 1,000 write units a second, whatever the mode', async () => {
    const { put } = await onDemand();
    for (let i = 0; i < 100; i++) await put('hot', `s${i}`);
    const error = await rejection(put('hot', 'over'));
    expect(error.type).toBe('ThrottlingException');
    expect(error.extra.ThrottlingReasons).toEqual([{ reason: 'TableWriteKeyRangeThroughputExceeded', resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/odt' }]);
    await put('cold', 's');
    const table = await provisioned(10000, 10000);
    for (let i = 0; i < 100; i++) await table.engine.execute('PutItem', { TableName: 'tbl', Item: { PK: S('hot'), SK: S(`s${i}`), blob: S('x'.repeat(10 * 1024 - 20)) } });
    await expect(table.put('hot')).rejects.toMatchObject({ type: 'ProvisionedThroughputExceededException', extra: { ThrottlingReasons: [{ reason: 'TableWriteKeyRangeThroughputExceeded' }] } });
  });
});
