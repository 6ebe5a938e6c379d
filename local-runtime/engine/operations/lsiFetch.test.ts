import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../Engine';

/** A table with a KEYS_ONLY LSI (`byLs`) and a KEYS_ONLY GSI (`byG`), holding three items of one partition. */
async function engineWithItems(): Promise<Engine> {
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock(Date.UTC(2026, 0, 1)) });
  const attribute = (name: string) => ({ AttributeName: name, AttributeType: 'S' });
  await engine.execute('CreateTable', {
    TableName: 'fetch',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [attribute('pk'), attribute('sk'), attribute('ls'), attribute('g')],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    LocalSecondaryIndexes: [{ IndexName: 'byLs', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'ls', KeyType: 'RANGE' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
    GlobalSecondaryIndexes: [{ IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
  });
  for (const n of [1, 2, 3]) {
    // Each item about 3 KB: three fetched items are 9 KB, three 4 KB units when summed (not one per item).
    await engine.execute('PutItem', { TableName: 'fetch', Item: { pk: { S: 'p' }, sk: { S: `s${n}` }, ls: { S: `l${n}` }, g: { S: 'g' }, big: { S: 'x'.repeat(3000) } } });
  }
  return engine;
}

const lsiQuery = { TableName: 'fetch', IndexName: 'byLs', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } }, ReturnConsumedCapacity: 'INDEXES' };

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.Projections: an LSI query for attributes
// not projected fetches them from the table, and the table reads are charged
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.ThroughputConsiderations); the shares as
// dynalite's test/query.js records them from DynamoDB (fetched sizes summed, then rounded up to 4 KB).
describe('LSI reads of attributes the index does not project', () => {
  it('Select ALL_ATTRIBUTES returns whole items and charges the table for them', async () => {
    const engine = await engineWithItems();
    const out = await engine.execute('Query', { ...lsiQuery, Select: 'ALL_ATTRIBUTES', ConsistentRead: true });
    const items = out.Items as Record<string, { S: string }>[];
    expect(items.map((i) => i.big?.S.length)).toEqual([3000, 3000, 3000]);
    expect(out.ConsumedCapacity).toEqual({ TableName: 'fetch', CapacityUnits: 4, Table: { CapacityUnits: 3 }, LocalSecondaryIndexes: { byLs: { CapacityUnits: 1 } } });
  });

  it('a ProjectionExpression naming an attribute not projected fetches it; one within the projection does not', async () => {
    const engine = await engineWithItems();
    const fetched = await engine.execute('Query', { ...lsiQuery, ProjectionExpression: 'sk, big' });
    expect((fetched.Items as Record<string, unknown>[])[0]).toEqual({ sk: { S: 's1' }, big: { S: 'x'.repeat(3000) } });
    expect((fetched.ConsumedCapacity as { Table: unknown }).Table).toEqual({ CapacityUnits: 1.5 });
    const projected = await engine.execute('Query', { ...lsiQuery, ProjectionExpression: 'sk, ls' });
    expect((projected.ConsumedCapacity as { Table: unknown }).Table).toEqual({ CapacityUnits: 0 });
  });

  it('by default an LSI query returns the projected attributes only', async () => {
    const engine = await engineWithItems();
    const out = await engine.execute('Query', lsiQuery);
    expect(Object.keys((out.Items as Record<string, unknown>[])[0] as object).sort()).toEqual(['ls', 'pk', 'sk']);
  });
});

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.Projections: a GSI query never fetches
// from the table.
describe('GSI reads of attributes the index does not project', () => {
  it('answer with what the index holds', async () => {
    const engine = await engineWithItems();
    const out = await engine.execute('Query', {
      TableName: 'fetch',
      IndexName: 'byG',
      KeyConditionExpression: 'g = :g',
      ExpressionAttributeValues: { ':g': { S: 'g' } },
      ProjectionExpression: 'sk, big',
      ReturnConsumedCapacity: 'INDEXES',
    });
    expect(out.Items).toEqual([{ sk: { S: 's1' } }, { sk: { S: 's2' } }, { sk: { S: 's3' } }]);
    expect((out.ConsumedCapacity as { Table: unknown }).Table).toEqual({ CapacityUnits: 0 });
  });
});
