import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { FakeDynamoDbHandler, fakeDynamoDbConfig, type Responder } from '../testing/fakeDynamoDbHandler';
import { ConflictError, TransactionCanceledError, UnprocessedItemsError } from './errors';
import { Repository } from './Repository';
import { aWidget, Widget } from './testEntity';
import { Transaction } from './Transaction';

function setup(responder: Responder) {
  const handler = new FakeDynamoDbHandler(responder);
  const client = DynamoDBDocumentClient.from(new DynamoDBClient(fakeDynamoDbConfig(handler)));
  const sleeps: number[] = [];
  const retry = { maxAttempts: 3, baseDelayMs: 100, random: () => 0.5, sleep: async (ms: number) => void sleeps.push(ms) };
  return { handler, client, sleeps, repo: new Repository(Widget, 'widgets', client, { retry }) };
}

const widget = (id: string) => ({ ...aWidget, id });
const keyOf = (id: string) => ({ PK: { S: `WIDGET#${id}` }, SK: { S: 'WIDGET' } });

describe('batch operations', () => {
  // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html (25 requests, UnprocessedItems)
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html#Programming.Errors.RetryAndBackoff
  it('batchWrite sends chunks of 25 and retries unprocessed items with jittered exponential backoff', async () => {
    let calls = 0;
    const { handler, repo, sleeps } = setup((r) => {
      calls += 1;
      const requests = (r.body['RequestItems'] as Record<string, unknown[]>)['widgets'] ?? [];
      // The first call of the first chunk leaves its first two requests unprocessed.
      return { body: calls === 1 ? { UnprocessedItems: { widgets: requests.slice(0, 2) } } : {} };
    });
    await repo.batchWrite({ put: Array.from({ length: 30 }, (_, i) => widget(`w${i}`)), delete: [{ id: 'old' }] });
    const sizes = handler.requests.map((r) => ((r.body['RequestItems'] as Record<string, unknown[]>)['widgets'] ?? []).length);
    expect(sizes).toEqual([25, 2, 6]);
    expect(sleeps).toEqual([50]);
    expect((handler.requests[2]?.body['RequestItems'] as Record<string, unknown[]>)['widgets']?.at(-1)).toEqual({ DeleteRequest: { Key: keyOf('old') } });
  });

  it('batchWrite gives up after maxAttempts with UnprocessedItemsError', async () => {
    const { repo, sleeps } = setup((r) => ({ body: { UnprocessedItems: r.body['RequestItems'] } }));
    const error = await repo.batchWrite({ put: [widget('a')] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessedItemsError);
    expect(error).toMatchObject({ unprocessed: 1, attempts: 3 });
    expect(sleeps).toEqual([50, 100]);
  });

  it('batchWrite validates every entity before sending anything', async () => {
    const { handler, repo } = setup(() => ({ body: {} }));
    await expect(repo.batchWrite({ put: [widget('a'), { ...aWidget, size: -1 }] })).rejects.toMatchObject({ name: 'EntityValidationError' });
    expect(handler.requests).toHaveLength(0);
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html (100 keys, no duplicates, UnprocessedKeys)
  it('batchGet dedupes keys, chunks by 100 and retries unprocessed keys', async () => {
    let calls = 0;
    const { handler, repo } = setup((r) => {
      calls += 1;
      const keys = ((r.body['RequestItems'] as Record<string, { Keys: { PK: { S: string } }[] }>)['widgets']?.Keys ?? []);
      const ids = keys.map((k) => k.PK.S.slice('WIDGET#'.length));
      const served = calls === 1 ? ids.slice(1) : ids;
      return {
        body: {
          Responses: { widgets: served.map((id) => marshall(Widget.toItem(widget(id)))) },
          ...(calls === 1 ? { UnprocessedKeys: { widgets: { Keys: [keys[0]] } } } : {}),
        },
      };
    });
    const ids = Array.from({ length: 120 }, (_, i) => `w${i}`);
    const found = await repo.batchGet([...ids, 'w0', 'w1'].map((id) => ({ id })));
    expect(found.map((w) => w.id).sort()).toEqual([...ids].sort());
    expect(handler.requests.map((r) => (r.body['RequestItems'] as Record<string, { Keys: unknown[] }>)['widgets']?.Keys.length)).toEqual([100, 1, 20]);
  });
});

describe('Transaction', () => {
  // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
  it('sends every item in one TransactWriteItems with its conditions', async () => {
    const { handler, client, repo } = setup(() => ({ body: {} }));
    await new Transaction(client)
      .add(repo.putItem(widget('new'), { ifNotExists: true }), repo.updateItem({ id: 'w1' }, { label: 'x' }, { expectedVersion: 2 }))
      .add(repo.deleteItem({ id: 'w2' }), repo.checkItem({ id: 'w3' }, { expectedVersion: 1 }))
      .commit({ clientRequestToken: 'tok-1' });
    const body = handler.requests[0]?.body as { TransactItems: Record<string, { ConditionExpression?: string }>[]; ClientRequestToken: string };
    expect(handler.requests[0]?.operation).toBe('TransactWriteItems');
    expect(body.TransactItems.map((i) => Object.keys(i)[0])).toEqual(['Put', 'Update', 'Delete', 'ConditionCheck']);
    expect(body.TransactItems[1]?.['Update']?.ConditionExpression).toBe('#version = :expected');
    expect(body.ClientRequestToken).toBe('tok-1');
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html#API_TransactWriteItems_Errors
  it('maps TransactionCanceledException reasons to typed failures per item', async () => {
    const { client, repo } = setup(() => ({
      status: 400,
      body: {
        __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
        message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]',
        CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }],
      },
    }));
    const error = await new Transaction(client)
      .add(repo.putItem(widget('a')), repo.updateItem({ id: 'w1' }, { label: 'x' }, { expectedVersion: 2 }))
      .commit()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionCanceledError);
    const { failures } = error as TransactionCanceledError;
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ index: 1, entity: 'Widget', code: 'ConditionalCheckFailed' });
    expect(failures[0]?.conflict).toBeInstanceOf(ConflictError);
    expect(failures[0]?.conflict?.reason).toBe('version');
  });

  it('rethrows other errors untouched', async () => {
    const { client, repo } = setup(() => ({ status: 400, body: { __type: 'com.amazonaws.dynamodb.v20120810#ValidationException', message: 'bad' } }));
    await expect(new Transaction(client).add(repo.putItem(widget('a'))).commit()).rejects.toMatchObject({ name: 'ValidationException' });
  });
});
