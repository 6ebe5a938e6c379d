import { DynamoDBClient, TransactWriteItemsCommand, PutItemCommand, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import { createInProcessRequestHandler } from '../../wire/createInProcessRequestHandler';
import { ordersEngine } from '../testing/ordersEngine';
import { rejection } from '../testing/rejection';
import { streamTable } from '../testing/streamTable';
import { tokenHash } from './transactionTokens';

const key = (n: number): Record<string, { S: string }> => ({ PK: { S: `o#${n}` }, SK: { S: 'meta' } });
const put = (n: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ Put: { TableName: 'orders', Item: { ...key(n), ...extra } } });

// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
/** Two different tokens with the same 30-bit token-memo hash (a birthday search: about 40 000 tries). */
function tokensSharingAHash(prefix: string): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; ; i += 1) {
    const token = `${prefix}${i}`;
    const other = seen.get(tokenHash(token));
    if (other !== undefined) return [other, token];
    seen.set(tokenHash(token), token);
  }
}

describe('TransactWriteItems', () => {
  it('applies Put, Update, Delete and ConditionCheck together', async () => {
    const engine = await ordersEngine();
    await engine.execute('PutItem', { TableName: 'orders', Item: { ...key(2), n: { N: '1' } } });
    await engine.execute('PutItem', { TableName: 'orders', Item: key(3) });
    await engine.execute('PutItem', { TableName: 'orders', Item: key(4) });
    const out = await engine.execute('TransactWriteItems', {
      TransactItems: [
        put(1),
        { Update: { TableName: 'orders', Key: key(2), UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } } },
        { Delete: { TableName: 'orders', Key: key(3) } },
        { ConditionCheck: { TableName: 'orders', Key: key(4), ConditionExpression: 'attribute_exists(PK)' } },
      ],
      ReturnConsumedCapacity: 'TOTAL',
    });
    // Transactional writes cost two write units per item.
    expect(out).toEqual({ ConsumedCapacity: [{ TableName: 'orders', CapacityUnits: 8 }] });
    expect(await engine.execute('GetItem', { TableName: 'orders', Key: key(1) })).toEqual({ Item: key(1) });
    expect(await engine.execute('GetItem', { TableName: 'orders', Key: key(2) })).toEqual({ Item: { ...key(2), n: { N: '2' } } });
    expect(await engine.execute('GetItem', { TableName: 'orders', Key: key(3) })).toEqual({});
  });

  it('cancels with reasons in request order, changes nothing and writes no stream record', async () => {
    const { engine, records } = await streamTable();
    await engine.execute('PutItem', { TableName: 'events', Item: { pk: { S: 'b' }, v: { S: 'old' } } });
    const before = records().length;
    const error = await rejection(
      engine.execute('TransactWriteItems', {
        TransactItems: [
          { Put: { TableName: 'events', Item: { pk: { S: 'a' } } } },
          { Put: { TableName: 'events', Item: { pk: { S: 'b' } }, ConditionExpression: 'attribute_not_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
        ],
      }),
    );
    expect(error.type).toBe('TransactionCanceledException');
    expect(error.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]');
    expect(error.extra.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { pk: { S: 'b' }, v: { S: 'old' } } },
    ]);
    expect(await engine.execute('GetItem', { TableName: 'events', Key: { pk: { S: 'a' } } })).toEqual({});
    expect(records()).toHaveLength(before);
  });

  it('rejects two operations on one item and more than 100 items', async () => {
    const engine = await ordersEngine();
    await expect(engine.execute('TransactWriteItems', { TransactItems: [put(1), { Delete: { TableName: 'orders', Key: key(1) } }] })).rejects.toMatchObject({
      type: 'ValidationException',
      message: 'Transaction request cannot include multiple operations on one item',
    });
    // Few actions are compared pairwise, many through a set of ids: both find the pair, anywhere in the list.
    for (const length of [3, 8, 9, 100]) {
      const items = Array.from({ length }, (_, i) => put(i));
      items[length - 1] = { Delete: { TableName: 'orders', Key: key(length - 3) } };
      await expect(engine.execute('TransactWriteItems', { TransactItems: items })).rejects.toMatchObject({ message: 'Transaction request cannot include multiple operations on one item' });
      await engine.execute('TransactWriteItems', { TransactItems: items.slice(0, -1) });
    }
    const many = Array.from({ length: 101 }, (_, i) => put(i));
    await expect(engine.execute('TransactWriteItems', { TransactItems: many })).rejects.toMatchObject({
      message: expect.stringContaining("at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100"),
    });
    await expect(engine.execute('TransactWriteItems', { TransactItems: [{ ...put(1), Delete: { TableName: 'orders', Key: key(1) } }] })).rejects.toMatchObject({
      message: 'TransactItems can only contain one of Check, Put, Update or Delete',
    });
  });

  it('rejects a transaction whose items exceed 4 MB in aggregate', async () => {
    const engine = await ordersEngine();
    const blob = { S: 'x'.repeat(399 * 1024) };
    const items = Array.from({ length: 11 }, (_, i) => put(i, { blob }));
    await expect(engine.execute('TransactWriteItems', { TransactItems: items })).rejects.toMatchObject({ type: 'ValidationException' });
    expect(await engine.execute('Scan', { TableName: 'orders', Select: 'COUNT' })).toMatchObject({ Count: 0 });
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-apis-txwriteitems
  it('is idempotent per ClientRequestToken for 10 minutes of the engine clock', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 10, 22));
    const engine = await ordersEngine(clock);
    const request = {
      ClientRequestToken: 'token-1',
      TransactItems: [{ Update: { TableName: 'orders', Key: key(1), UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } } }],
    };
    const first = await engine.execute('TransactWriteItems', request);
    expect(await engine.execute('TransactWriteItems', request)).toEqual(first);
    expect(await engine.execute('GetItem', { TableName: 'orders', Key: key(1) })).toEqual({ Item: { ...key(1), n: { N: '1' } } });
    await expect(engine.execute('TransactWriteItems', { ...request, TransactItems: [put(2)] })).rejects.toMatchObject({ type: 'IdempotentParameterMismatchException' });
    clock.advance(10 * 60 * 1000);
    await engine.execute('TransactWriteItems', request);
    expect(await engine.execute('GetItem', { TableName: 'orders', Key: key(1) })).toEqual({ Item: { ...key(1), n: { N: '2' } } });
  });

  it('keeps tokens apart that share a hash in the token memo, and expires them', async () => {
    const [a, b] = tokensSharingAHash('t-');
    expect(tokenHash(a)).toBe(tokenHash(b));
    const clock = new VirtualClock(Date.UTC(2026, 10, 22));
    const engine = await ordersEngine(clock);
    const add = (token: string, n: number) => ({
      ClientRequestToken: token,
      TransactItems: [{ Update: { TableName: 'orders', Key: key(n), UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } } }],
    });
    const count = async (n: number) => ((await engine.execute('GetItem', { TableName: 'orders', Key: key(n) })) as { Item?: { n: { N: string } } }).Item?.n.N;
    await engine.execute('TransactWriteItems', add(a, 1));
    await engine.execute('TransactWriteItems', add(b, 2));
    // Each token replays its own transaction, and each refuses the other's parameters.
    await engine.execute('TransactWriteItems', add(a, 1));
    await engine.execute('TransactWriteItems', add(b, 2));
    expect([await count(1), await count(2)]).toEqual(['1', '1']);
    await expect(engine.execute('TransactWriteItems', add(a, 2))).rejects.toMatchObject({ type: 'IdempotentParameterMismatchException' });
    await expect(engine.execute('TransactWriteItems', add(b, 1))).rejects.toMatchObject({ type: 'IdempotentParameterMismatchException' });
    // Ten minutes on, both are forgotten: the same calls write again.
    clock.advance(10 * 60 * 1000);
    await engine.execute('TransactWriteItems', add(a, 1));
    await engine.execute('TransactWriteItems', add(b, 2));
    expect([await count(1), await count(2)]).toEqual(['2', '2']);
  });

  it('forgets the oldest of two tokens sharing a hash when the limit is reached, and keeps the other', async () => {
    const [a, b] = tokensSharingAHash('u-');
    const engine = await ordersEngine(undefined, { transactionTokenLimit: 1 });
    const add = (token: string) => ({
      ClientRequestToken: token,
      TransactItems: [{ Update: { TableName: 'orders', Key: key(1), UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } } }],
    });
    const count = async () => ((await engine.execute('GetItem', { TableName: 'orders', Key: key(1) })) as { Item: { n: { N: string } } }).Item.n.N;
    await engine.execute('TransactWriteItems', add(a));
    await engine.execute('TransactWriteItems', add(b));
    // b is remembered (a replay writes nothing); a was dropped for the limit of one, so it runs again.
    await engine.execute('TransactWriteItems', add(b));
    expect(await count()).toBe('2');
    await engine.execute('TransactWriteItems', add(a));
    expect(await count()).toBe('3');
  });

  it('keeps at most transactionTokenLimit tokens, forgetting the oldest first', async () => {
    const engine = await ordersEngine(undefined, { transactionTokenLimit: 2 });
    const add = (token: string) => ({
      ClientRequestToken: token,
      TransactItems: [{ Update: { TableName: 'orders', Key: key(1), UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } } }],
    });
    const count = async () => ((await engine.execute('GetItem', { TableName: 'orders', Key: key(1) })) as { Item: { n: { N: string } } }).Item.n.N;
    for (const token of ['a', 'b', 'c']) await engine.execute('TransactWriteItems', add(token));
    expect(await count()).toBe('3');
    // b and c are remembered (replays write nothing); a was dropped to keep two, so it runs again.
    await engine.execute('TransactWriteItems', add('c'));
    await engine.execute('TransactWriteItems', add('b'));
    expect(await count()).toBe('3');
    await engine.execute('TransactWriteItems', add('a'));
    expect(await count()).toBe('4');
  });

  it('reports a failing update operand as a ValidationError reason', async () => {
    const engine = await ordersEngine();
    await engine.execute('PutItem', { TableName: 'orders', Item: { ...key(1), n: { S: 'text' } } });
    const error = await rejection(
      engine.execute('TransactWriteItems', {
        TransactItems: [put(2), { Update: { TableName: 'orders', Key: key(1), UpdateExpression: 'SET n = n + :one', ExpressionAttributeValues: { ':one': { N: '1' } } } }],
      }),
    );
    expect(error.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError]');
    expect(await engine.execute('GetItem', { TableName: 'orders', Key: key(2) })).toEqual({});
  });
});

// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html
describe('TransactGetItems', () => {
  it('returns one response per Get in order, {} for missing items', async () => {
    const engine = await ordersEngine();
    await engine.execute('PutItem', { TableName: 'orders', Item: { ...key(1), a: { S: '1' }, b: { S: '2' } } });
    const out = await engine.execute('TransactGetItems', {
      TransactItems: [{ Get: { TableName: 'orders', Key: key(2) } }, { Get: { TableName: 'orders', Key: key(1), ProjectionExpression: 'b' } }],
      ReturnConsumedCapacity: 'TOTAL',
    });
    expect(out).toEqual({ Responses: [{}, { Item: { b: { S: '2' } } }], ConsumedCapacity: [{ TableName: 'orders', CapacityUnits: 4 }] });
  });
});

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-conflict-handling
describe('engine.faults.injectTransactionConflict', () => {
  it('surfaces through the AWS SDK as TransactionCanceledException and TransactionConflictException, then clears', async () => {
    const engine = await ordersEngine();
    const client = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: 'http://in-process.tidepool',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      requestHandler: createInProcessRequestHandler(engine),
      maxAttempts: 1,
    });
    engine.faults.injectTransactionConflict({ table: 'orders', times: 2 });
    const transact = new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'orders', Item: key(1) } }] });
    const cancelled = await client.send(transact).catch((e: unknown) => e);
    expect(cancelled).toBeInstanceOf(TransactionCanceledException);
    expect((cancelled as TransactionCanceledException).CancellationReasons).toEqual([{ Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }]);
    const conflict = await client.send(new PutItemCommand({ TableName: 'orders', Item: key(1) })).catch((e: unknown) => e);
    expect((conflict as Error).name).toBe('TransactionConflictException');
    expect(await engine.execute('Scan', { TableName: 'orders', Select: 'COUNT' })).toMatchObject({ Count: 0 });
    await client.send(transact);
    expect(await engine.execute('Scan', { TableName: 'orders', Select: 'COUNT' })).toMatchObject({ Count: 1 });
    client.destroy();
  });
});
