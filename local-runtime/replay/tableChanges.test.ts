import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import { Engine } from '../engine/Engine';
import { diffSnapshots, snapshotTables } from './tableChanges';

// The replay report's per-table changes. DynamoDB table names may be `__proto__` (3–255 of a-z, A-Z, 0-9, _ - .:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html).
async function engineWith(...names: string[]): Promise<Engine> {
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock() });
  for (const TableName of names) {
    await engine.execute('CreateTable', { TableName, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] });
    await engine.execute('PutItem', { TableName, Item: { id: { S: 'kept' }, n: { N: '1' } } });
    await engine.execute('PutItem', { TableName, Item: { id: { S: 'changed' }, n: { N: '1' } } });
    await engine.execute('PutItem', { TableName, Item: { id: { S: 'removed' } } });
  }
  return engine;
}

describe('diffSnapshots', () => {
  it('counts inserted, modified and removed items per table and leaves unchanged tables out', async () => {
    const engine = await engineWith('orders', '__proto__', 'quiet');
    const before = await snapshotTables(engine);
    for (const TableName of ['orders', '__proto__']) {
      await engine.execute('PutItem', { TableName, Item: { id: { S: 'new' } } });
      await engine.execute('PutItem', { TableName, Item: { id: { S: 'changed' }, n: { N: '2' } } });
      await engine.execute('DeleteItem', { TableName, Key: { id: { S: 'removed' } } });
    }
    const changes = diffSnapshots(before, await snapshotTables(engine));
    expect(Object.keys(changes).sort()).toEqual(['__proto__', 'orders']);
    expect(changes['orders']).toEqual({ inserted: 1, modified: 1, removed: 1 });
    expect(Object.hasOwn(changes, '__proto__') && changes['__proto__']).toEqual({ inserted: 1, modified: 1, removed: 1 });
  });
});
