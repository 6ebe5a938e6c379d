import { describe, expect, it } from 'vitest';
import { ordersEngine } from '../testing/ordersEngine';
import { streamTable } from '../testing/streamTable';

const key = (n: number): Record<string, { S: string }> => ({ PK: { S: `o#${n}` }, SK: { S: 'meta' } });

// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
describe('BatchWriteItem', () => {
  it('puts and deletes across the request and returns an empty UnprocessedItems', async () => {
    const engine = await ordersEngine();
    await engine.execute('PutItem', { TableName: 'orders', Item: { ...key(9), v: { S: 'old' } } });
    const out = await engine.execute('BatchWriteItem', {
      RequestItems: { orders: [{ PutRequest: { Item: { ...key(1), v: { S: 'a' } } } }, { PutRequest: { Item: key(2) } }, { DeleteRequest: { Key: key(9) } }] },
    });
    expect(out).toEqual({ UnprocessedItems: {} });
    expect(await engine.execute('GetItem', { TableName: 'orders', Key: key(1) })).toEqual({ Item: { ...key(1), v: { S: 'a' } } });
    expect(await engine.execute('GetItem', { TableName: 'orders', Key: key(9) })).toEqual({});
  });

  it('writes one stream record per changed item through the single-item write path', async () => {
    const { engine, records } = await streamTable();
    await engine.execute('PutItem', { TableName: 'events', Item: { pk: { S: 'gone' } } });
    await engine.execute('BatchWriteItem', {
      RequestItems: { events: [{ PutRequest: { Item: { pk: { S: 'a' } } } }, { DeleteRequest: { Key: { pk: { S: 'gone' } } } }, { DeleteRequest: { Key: { pk: { S: 'never' } } } }] },
    });
    expect(records().map((r) => `${r.eventName}:${JSON.stringify(r.dynamodb.Keys.pk)}`)).toEqual(['INSERT:{"S":"gone"}', 'INSERT:{"S":"a"}', 'REMOVE:{"S":"gone"}']);
  });

  it('rejects duplicate keys, more than 25 requests and bad items without writing anything', async () => {
    const engine = await ordersEngine();
    await expect(
      engine.execute('BatchWriteItem', { RequestItems: { orders: [{ PutRequest: { Item: key(1) } }, { DeleteRequest: { Key: key(1) } }] } }),
    ).rejects.toMatchObject({ type: 'ValidationException', message: 'Provided list of item keys contains duplicates' });
    const many = Array.from({ length: 26 }, (_, i) => ({ PutRequest: { Item: key(i) } }));
    await expect(engine.execute('BatchWriteItem', { RequestItems: { orders: many } })).rejects.toMatchObject({ type: 'ValidationException' });
    await expect(
      engine.execute('BatchWriteItem', { RequestItems: { orders: [{ PutRequest: { Item: key(1) } }, { PutRequest: { Item: { PK: { S: 'x' } } } }] } }),
    ).rejects.toMatchObject({ message: 'One or more parameter values were invalid: Missing the key SK in the item' });
    await expect(engine.execute('BatchWriteItem', { RequestItems: { missing: [{ PutRequest: { Item: key(1) } }] } })).rejects.toMatchObject({
      type: 'ResourceNotFoundException',
    });
    expect(await engine.execute('Scan', { TableName: 'orders', Select: 'COUNT' })).toMatchObject({ Count: 0 });
  });

  it('reports ConsumedCapacity per table and ItemCollectionMetrics for a table with an LSI', async () => {
    const engine = await ordersEngine();
    const out = await engine.execute('BatchWriteItem', {
      RequestItems: { orders: [{ PutRequest: { Item: key(1) } }, { PutRequest: { Item: { ...key(2), big: { S: 'x'.repeat(1500) } } } }] },
      ReturnConsumedCapacity: 'TOTAL',
      ReturnItemCollectionMetrics: 'SIZE',
    });
    expect(out.ConsumedCapacity).toEqual([{ TableName: 'orders', CapacityUnits: 3 }]);
    expect(out.ItemCollectionMetrics).toEqual({
      orders: [
        { ItemCollectionKey: { PK: { S: 'o#1' } }, SizeEstimateRangeGB: [0, 1] },
        { ItemCollectionKey: { PK: { S: 'o#2' } }, SizeEstimateRangeGB: [0, 1] },
      ],
    });
  });
});

// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html
describe('BatchGetItem', () => {
  it('returns found items with their projection and skips missing keys', async () => {
    const engine = await ordersEngine();
    await engine.execute('PutItem', { TableName: 'orders', Item: { ...key(1), a: { S: '1' }, b: { S: '2' } } });
    const out = await engine.execute('BatchGetItem', {
      RequestItems: { orders: { Keys: [key(1), key(2)], ProjectionExpression: '#a', ExpressionAttributeNames: { '#a': 'a' }, ConsistentRead: true } },
      ReturnConsumedCapacity: 'TOTAL',
    });
    expect(out).toEqual({ Responses: { orders: [{ a: { S: '1' } }] }, UnprocessedKeys: {}, ConsumedCapacity: [{ TableName: 'orders', CapacityUnits: 2 }] });
  });

  it('rejects duplicate keys and more than 100 keys', async () => {
    const engine = await ordersEngine();
    await expect(engine.execute('BatchGetItem', { RequestItems: { orders: { Keys: [key(1), key(1)] } } })).rejects.toMatchObject({
      message: 'Provided list of item keys contains duplicates',
    });
    const keys = Array.from({ length: 101 }, (_, i) => key(i));
    await expect(engine.execute('BatchGetItem', { RequestItems: { orders: { Keys: keys } } })).rejects.toMatchObject({
      message: 'Too many items requested for the BatchGetItem call',
    });
  });

  it('returns keys beyond the 16 MB response limit in UnprocessedKeys with the table parameters', async () => {
    const engine = await ordersEngine();
    const blob = 'x'.repeat(390 * 1024);
    const keys = Array.from({ length: 45 }, (_, i) => key(i));
    for (const k of keys) await engine.execute('PutItem', { TableName: 'orders', Item: { ...k, blob: { S: blob } } });
    const out = await engine.execute('BatchGetItem', { RequestItems: { orders: { Keys: keys, ConsistentRead: true } } });
    const got = (out.Responses as { orders: unknown[] }).orders.length;
    const left = (out.UnprocessedKeys as { orders: { Keys: unknown[]; ConsistentRead: boolean } }).orders;
    expect(got).toBe(Math.floor((16 * 1024 * 1024) / (390 * 1024 + 4 + 8 + 10)));
    expect(left.Keys).toEqual(keys.slice(got));
    expect(left.ConsistentRead).toBe(true);
  });

  it('accepts AttributesToGet but not together with ProjectionExpression', async () => {
    const engine = await ordersEngine();
    await engine.execute('PutItem', { TableName: 'orders', Item: { ...key(1), a: { S: '1' }, b: { S: '2' } } });
    const out = await engine.execute('BatchGetItem', { RequestItems: { orders: { Keys: [key(1)], AttributesToGet: ['b'] } } });
    expect(out.Responses).toEqual({ orders: [{ b: { S: '2' } }] });
    await expect(engine.execute('BatchGetItem', { RequestItems: { orders: { Keys: [key(1)], AttributesToGet: ['b'], ProjectionExpression: 'a' } } })).rejects.toMatchObject({
      message: 'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}',
    });
  });
});
