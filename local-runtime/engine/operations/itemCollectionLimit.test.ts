import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import { ordersEngine } from '../testing/ordersEngine';
import { pkSkKeys } from '../testing/pkSkKeys';
import { rejection } from '../testing/rejection';
import type { Engine } from '../Engine';

// An item collection (a partition key's items plus their local secondary index entries) may hold at most 10 GB;
// a write that would grow it further fails with ItemCollectionSizeLimitExceededException. Only tables with an LSI
// have item collections (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.ItemCollections.SizeLimit).
// TransactWriteItems reports it as the cancellation reason `ItemCollectionSizeLimitExceeded`
// (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html).
// The engine's limit is lowered to 120 bytes so one ~80-byte item (with its KEYS_ONLY LSI entry) fits and two do not.

const LIMIT = 120;
const item = (pk: string, sk: string, pad = 40): Record<string, unknown> => ({ PK: { S: pk }, SK: { S: sk }, createdAt: { N: '1' }, pad: { S: 'x'.repeat(pad) } });

async function limited(): Promise<Engine> {
  const engine = await ordersEngine(new VirtualClock(0), { itemCollectionLimitBytes: LIMIT });
  await engine.execute('PutItem', { TableName: 'orders', Item: item('o#1', 'a') });
  return engine;
}

const count = async (engine: Engine, pk: string): Promise<unknown> =>
  (await engine.execute('Query', { TableName: 'orders', KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': { S: pk } }, Select: 'COUNT' }))['Count'];

describe('item collection size limit', () => {
  it('refuses a PutItem or UpdateItem that would grow the collection past the limit, and writes nothing', async () => {
    const engine = await limited();
    const put = await rejection(engine.execute('PutItem', { TableName: 'orders', Item: item('o#1', 'b') }));
    expect(put).toMatchObject({ type: 'ItemCollectionSizeLimitExceededException', message: 'Collection size exceeded.' });
    expect(await count(engine, 'o#1')).toBe(1);
    const update = await rejection(
      engine.execute('UpdateItem', { TableName: 'orders', Key: { PK: { S: 'o#1' }, SK: { S: 'a' } }, UpdateExpression: 'SET more = :m', ExpressionAttributeValues: { ':m': { S: 'y'.repeat(60) } } }),
    );
    expect(update.type).toBe('ItemCollectionSizeLimitExceededException');
    expect((await engine.execute('GetItem', { TableName: 'orders', Key: { PK: { S: 'o#1' }, SK: { S: 'a' } } }))['Item']).not.toHaveProperty('more');
  });

  it('lets other collections grow, and lets a full collection shrink', async () => {
    const engine = await limited();
    await engine.execute('PutItem', { TableName: 'orders', Item: item('o#2', 'b') });
    await engine.execute('PutItem', { TableName: 'orders', Item: item('o#1', 'a', 10) });
    // Shrinking freed room: a small second item now fits.
    await engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'o#1' }, SK: { S: 'b' } } });
    await engine.execute('DeleteItem', { TableName: 'orders', Key: { PK: { S: 'o#1' }, SK: { S: 'a' } } });
    expect(await count(engine, 'o#1')).toBe(1);
  });

  it('cancels a transaction with ItemCollectionSizeLimitExceeded at the write that overflows, counting earlier writes to the same collection', async () => {
    const engine = await limited();
    await engine.execute('DeleteItem', { TableName: 'orders', Key: { PK: { S: 'o#1' }, SK: { S: 'a' } } });
    const error = await rejection(
      engine.execute('TransactWriteItems', {
        TransactItems: [{ Put: { TableName: 'orders', Item: item('o#2', 'a') } }, { Put: { TableName: 'orders', Item: item('o#1', 'a') } }, { Put: { TableName: 'orders', Item: item('o#1', 'b') } }],
      }),
    );
    expect(error.type).toBe('TransactionCanceledException');
    expect(error.extra['CancellationReasons']).toEqual([{ Code: 'None' }, { Code: 'None' }, { Code: 'ItemCollectionSizeLimitExceeded', Message: 'Collection size exceeded.' }]);
    expect(await count(engine, 'o#1')).toBe(0);
    expect(await count(engine, 'o#2')).toBe(0);
  });

  it('refuses a BatchWriteItem whole when one of its puts would overflow a collection', async () => {
    const engine = await limited();
    const error = await rejection(
      engine.execute('BatchWriteItem', { RequestItems: { orders: [{ PutRequest: { Item: item('o#3', 'a') } }, { PutRequest: { Item: item('o#1', 'b') } }] } }),
    );
    expect(error.type).toBe('ItemCollectionSizeLimitExceededException');
    expect(await count(engine, 'o#3')).toBe(0);
  });

  it('applies to tables with a local secondary index only', async () => {
    const engine = await limited();
    await engine.execute('CreateTable', {
      TableName: 'plain',
      BillingMode: 'PAY_PER_REQUEST',
      ...pkSkKeys,
    });
    for (const sk of ['a', 'b', 'c']) await engine.execute('PutItem', { TableName: 'plain', Item: item('o#1', sk) });
    expect((await engine.execute('Scan', { TableName: 'plain', Select: 'COUNT' }))['Count']).toBe(3);
  });
});
