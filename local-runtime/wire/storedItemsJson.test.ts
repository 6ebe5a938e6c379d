import { describe, expect, it } from 'vitest';
import { ordersEngine } from '../engine/testing/ordersEngine';
import type { Engine } from '../engine/Engine';
import { handleWireRequest } from './handleWireRequest';
import { StoredItemsPage } from '../engine/operations/storedItems';

// Query and Scan pages go out over the wire from each stored item's memoised JSON text instead of a copy of every
// item (engine/operations/storedItems). The bytes must say exactly what the in-process result says, stay right
// after the item is rewritten, and leave in-process callers with ordinary copies.

async function engineWithItems(): Promise<Engine> {
  const engine = await ordersEngine();
  for (let i = 0; i < 5; i++) {
    await engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'p' }, SK: { S: String(i) }, doc: { M: { note: { S: `é ${i} "quoted"` }, n: { NS: ['1', '2'] } } } } });
  }
  return engine;
}

async function overWire(engine: Engine, operation: string, input: Record<string, unknown>): Promise<unknown> {
  const reply = await handleWireRequest(engine, { headers: { 'x-amz-target': `DynamoDB_20120810.${operation}` }, body: JSON.stringify(input) });
  expect(reply.statusCode).toBe(200);
  return JSON.parse(Buffer.from(reply.body).toString('utf8'));
}

describe('Query/Scan pages over the wire', () => {
  it('carry the same Items, Count, LastEvaluatedKey and ConsumedCapacity as the in-process result', async () => {
    const engine = await engineWithItems();
    const scan = { TableName: 'orders', Limit: 3, ReturnConsumedCapacity: 'TOTAL' };
    expect(await overWire(engine, 'Scan', scan)).toEqual(await engine.execute('Scan', scan));
    const query = { TableName: 'orders', KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': { S: 'p' } }, ScanIndexForward: false };
    const wire = (await overWire(engine, 'Query', query)) as { Items: unknown[]; Count: number };
    expect(wire).toEqual(await engine.execute('Query', query));
    expect(wire.Count).toBe(5);
  });

  it('send the item as it is now after a write replaced it (the memo belongs to the replaced entry)', async () => {
    const engine = await engineWithItems();
    const get = { TableName: 'orders', KeyConditionExpression: 'PK = :p AND SK = :s', ExpressionAttributeValues: { ':p': { S: 'p' }, ':s': { S: '2' } } };
    await overWire(engine, 'Query', get);
    await engine.execute('UpdateItem', { TableName: 'orders', Key: { PK: { S: 'p' }, SK: { S: '2' } }, UpdateExpression: 'SET doc.note = :v', ExpressionAttributeValues: { ':v': { S: 'changed' } } });
    const page = (await overWire(engine, 'Query', get)) as { Items: { doc: { M: { note: { S: string } } } }[] };
    expect(page.Items[0]?.doc.M.note.S).toBe('changed');
  });

  it('keep a page as it was read when a later write of the same key reuses the stored entry', async () => {
    // A write of an existing key puts the new item into the stored entry in place (engine/storage/ItemStore); a page
    // the wire has not written yet must still say what was read, and in-process results are copies.
    const engine = await engineWithItems();
    const query = { TableName: 'orders', KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': { S: 'p' } } };
    const expected = (await engine.execute('Query', query))['Items'];
    const copied = await engine.execute('Query', query);
    const unsent = (await engine.executeNow('Query', query)) as { Items: unknown };
    expect(unsent.Items).toBeInstanceOf(StoredItemsPage);
    await engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'p' }, SK: { S: '1' }, doc: { S: 'rewritten' } } });
    await engine.execute('DeleteItem', { TableName: 'orders', Key: { PK: { S: 'p' }, SK: { S: '3' } } });
    expect(copied['Items']).toEqual(expected);
    expect(JSON.parse((unsent.Items as StoredItemsPage).json())).toEqual(expected);
    expect(JSON.parse(JSON.stringify(unsent)).Items).toEqual(expected);
    const now = (await engine.execute('Query', query))['Items'] as Record<string, { S?: string }>[];
    expect(now.map((item) => item['SK']?.S)).toEqual(['0', '1', '2', '4']);
    expect(now[1]?.['doc']).toEqual({ S: 'rewritten' });
  });

  it('hand in-process callers copies: changing a returned item changes neither the table nor the next wire reply', async () => {
    const engine = await engineWithItems();
    const scan = { TableName: 'orders' };
    const before = await overWire(engine, 'Scan', scan);
    const result = (await engine.execute('Scan', scan)) as { Items: Record<string, unknown>[] };
    for (const item of result.Items) item['doc'] = { S: 'vandalised' };
    expect(await overWire(engine, 'Scan', scan)).toEqual(before);
    expect(await engine.execute('Scan', scan)).toEqual(before);
  });

  it('leave Items assignable like any result property', async () => {
    const engine = await engineWithItems();
    const result = await engine.execute('Scan', { TableName: 'orders' });
    result['Items'] = [];
    expect(result['Items']).toEqual([]);
    expect(JSON.parse(JSON.stringify(result))).toMatchObject({ Items: [], Count: 5 });
  });
});
