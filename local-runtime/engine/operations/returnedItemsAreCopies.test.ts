import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../Engine';

// The engine stores items by reference and hands out copies: nothing a caller does to a request or a reply
// reaches the stored items (engine invariant; the performance work keeps stored items immutable).

type Item = Record<string, Record<string, unknown>>;

async function engineWithItem(): Promise<{ engine: Engine; item: Item }> {
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock() });
  await engine.execute('CreateTable', {
    TableName: 'copies',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'PK', AttributeType: 'S' },
      { AttributeName: 'SK', AttributeType: 'N' },
    ],
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
  });
  const item: Item = { PK: { S: 'p' }, SK: { N: '1' }, doc: { M: { parts: { L: [{ S: 'a' }, { NS: ['1', '2'] }] } } }, tags: { SS: ['x'] } };
  await engine.execute('PutItem', { TableName: 'copies', Item: item });
  await engine.execute('PutItem', { TableName: 'copies', Item: { PK: { S: 'p' }, SK: { N: '2' } } });
  return { engine, item };
}

/** Mutate every object and array reachable from `value`. */
function vandalise(value: unknown): void {
  if (Array.isArray(value)) {
    for (const element of value) vandalise(element);
    value.push('junk');
  } else if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) vandalise(child);
    (value as Record<string, unknown>)['junk'] = { S: 'junk' };
  }
}

const stored = async (engine: Engine) => (await engine.execute('GetItem', { TableName: 'copies', Key: { PK: { S: 'p' }, SK: { N: '1' } }, ConsistentRead: true }))['Item'];

describe('returned items are copies', () => {
  it('mutating the request item after PutItem leaves the table as written', async () => {
    const { engine, item } = await engineWithItem();
    const before = structuredClone(item);
    vandalise(item);
    expect(await stored(engine)).toEqual(before);
  });

  it('mutating GetItem, Query, Scan, BatchGetItem, TransactGetItems and ReturnValues replies leaves the table unchanged', async () => {
    const { engine } = await engineWithItem();
    const before = structuredClone(await stored(engine)) as Item;
    const key = { PK: { S: 'p' }, SK: { N: '1' } };
    const replies = [
      await engine.execute('GetItem', { TableName: 'copies', Key: key }),
      await engine.execute('GetItem', { TableName: 'copies', Key: key, ProjectionExpression: 'doc.parts[1], tags' }),
      await engine.execute('Query', { TableName: 'copies', KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': { S: 'p' } }, Limit: 1 }),
      await engine.execute('Scan', { TableName: 'copies' }),
      await engine.execute('Scan', { TableName: 'copies', ProjectionExpression: 'doc' }),
      await engine.execute('BatchGetItem', { RequestItems: { copies: { Keys: [key] } } }),
      await engine.execute('TransactGetItems', { TransactItems: [{ Get: { TableName: 'copies', Key: key } }] }),
      await engine.execute('UpdateItem', { TableName: 'copies', Key: key, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: '5' } }, ReturnValues: 'ALL_OLD' }),
    ];
    for (const reply of replies) vandalise(reply);
    expect(await stored(engine)).toEqual({ ...before, n: { N: '5' } });

    const updated = await engine.execute('UpdateItem', { TableName: 'copies', Key: key, UpdateExpression: 'SET m = :m', ExpressionAttributeValues: { ':m': { L: [{ S: 'v' }] } }, ReturnValues: 'ALL_NEW' });
    const afterUpdate = structuredClone(await stored(engine));
    vandalise(updated);
    const replaced = await engine.execute('PutItem', { TableName: 'copies', Item: { ...key, fresh: { S: 'y' } }, ReturnValues: 'ALL_OLD' });
    expect(replaced['Attributes']).toEqual(afterUpdate);
    vandalise(replaced);
    expect(await stored(engine)).toEqual({ ...key, fresh: { S: 'y' } });
  });
});
