import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../Engine';
import { ordersEngine } from '../testing/ordersEngine';

const simpleTable = (name: string, extra: Record<string, unknown> = {}) => ({
  TableName: name,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  ...extra,
});

// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
describe('CreateTable / DescribeTable', () => {
  it('creates an ACTIVE table and describes keys, indexes, billing, SSE, class and deletion protection', async () => {
    const engine = new Engine({ region: 'us-east-1', accountId: '111122223333', clock: new VirtualClock(Date.UTC(2026, 0, 1)) });
    await engine.execute('CreateTable', simpleTable('things', { SSESpecification: { Enabled: true }, TableClass: 'STANDARD_INFREQUENT_ACCESS', DeletionProtectionEnabled: true, Tags: [{ Key: 'a', Value: 'b' }] }));
    const { Table } = (await engine.execute('DescribeTable', { TableName: 'things' })) as { Table: Record<string, unknown> };
    expect(Table).toMatchObject({
      TableName: 'things',
      TableStatus: 'ACTIVE',
      TableArn: 'arn:aws:dynamodb:us-east-1:111122223333:table/things',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      CreationDateTime: Date.UTC(2026, 0, 1) / 1000,
      ItemCount: 0,
      BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
      SSEDescription: { Status: 'ENABLED', SSEType: 'KMS' },
      TableClassSummary: { TableClass: 'STANDARD_INFREQUENT_ACCESS' },
      DeletionProtectionEnabled: true,
    });
    expect(Table.TableId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports GSIs with status, ARN and item count', async () => {
    const engine = await ordersEngine();
    await engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'a' }, SK: { S: 'b' }, GSI1PK: { S: 'c' }, GSI1SK: { N: '1' } } });
    await engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'a' }, SK: { S: 'c' } } });
    const { Table } = (await engine.execute('DescribeTable', { TableName: 'orders' })) as { Table: { GlobalSecondaryIndexes: Record<string, unknown>[]; ItemCount: number } };
    expect(Table.ItemCount).toBe(2);
    expect(Table.GlobalSecondaryIndexes[0]).toMatchObject({ IndexName: 'GSI1', IndexStatus: 'ACTIVE', ItemCount: 1, IndexArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/orders/index/GSI1' });
  });

  it('refuses a second table with the same name', async () => {
    const engine = await ordersEngine();
    await expect(engine.execute('CreateTable', simpleTable('orders'))).rejects.toMatchObject({ type: 'ResourceInUseException', message: 'Table already exists: orders' });
  });

  it('validates key attributes against AttributeDefinitions and billing settings', async () => {
    const engine = new Engine({ region: 'us-east-1', accountId: '0', clock: new VirtualClock() });
    await expect(engine.execute('CreateTable', { ...simpleTable('tab1'), KeySchema: [{ AttributeName: 'nope', KeyType: 'HASH' }] })).rejects.toMatchObject({
      type: 'ValidationException',
      message: expect.stringContaining('Some index key attributes are not defined in AttributeDefinitions'),
    });
    await expect(engine.execute('CreateTable', { ...simpleTable('tab2'), BillingMode: undefined })).rejects.toMatchObject({
      message: 'One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED',
    });
    expect(engine.tableNames()).toEqual([]);
  });

  it('describes a missing table with AWS wording', async () => {
    const engine = await ordersEngine();
    await expect(engine.execute('DescribeTable', { TableName: 'nope' })).rejects.toMatchObject({
      type: 'ResourceNotFoundException',
      message: 'Requested resource not found: Table: nope not found',
    });
  });
});

// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTables.html
describe('ListTables / DeleteTable', () => {
  it('lists names in order with paging', async () => {
    const engine = new Engine({ region: 'us-east-1', accountId: '0', clock: new VirtualClock() });
    for (const name of ['ccc', 'aaa', 'bbb']) await engine.execute('CreateTable', simpleTable(name));
    expect(await engine.execute('ListTables', { Limit: 2 })).toEqual({ TableNames: ['aaa', 'bbb'], LastEvaluatedTableName: 'bbb' });
    expect(await engine.execute('ListTables', { ExclusiveStartTableName: 'bbb' })).toEqual({ TableNames: ['ccc'] });
  });

  it('deletes a table, but not one with deletion protection', async () => {
    const engine = new Engine({ region: 'us-east-1', accountId: '0', clock: new VirtualClock() });
    await engine.execute('CreateTable', simpleTable('gone'));
    await engine.execute('CreateTable', simpleTable('kept', { DeletionProtectionEnabled: true }));
    const out = (await engine.execute('DeleteTable', { TableName: 'gone' })) as { TableDescription: { TableStatus: string } };
    expect(out.TableDescription.TableStatus).toBe('DELETING');
    await expect(engine.execute('DeleteTable', { TableName: 'kept' })).rejects.toMatchObject({ type: 'ValidationException' });
    expect(engine.tableNames()).toEqual(['kept']);
  });
});

// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html
describe('UpdateTimeToLive / DescribeTimeToLive', () => {
  it('stores and describes the TTL specification', async () => {
    const engine = await ordersEngine();
    expect(await engine.execute('DescribeTimeToLive', { TableName: 'orders' })).toEqual({ TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } });
    const spec = { Enabled: true, AttributeName: 'expiresAt' };
    expect(await engine.execute('UpdateTimeToLive', { TableName: 'orders', TimeToLiveSpecification: spec })).toEqual({ TimeToLiveSpecification: spec });
    expect(await engine.execute('DescribeTimeToLive', { TableName: 'orders' })).toEqual({ TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' } });
    await expect(engine.execute('UpdateTimeToLive', { TableName: 'orders', TimeToLiveSpecification: spec })).rejects.toMatchObject({ message: 'TimeToLive is already enabled' });
  });
});

// Every field of https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html
describe('DescribeTable: the full TableDescription', () => {
  it('reports sizes, counts, throughput, billing summary, warm throughput and index details', async () => {
    const engine = await ordersEngine();
    await engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'a' }, SK: { S: 'b' }, GSI1PK: { S: 'c' }, GSI1SK: { N: '1' }, createdAt: { N: '5' } } });
    const { Table } = (await engine.execute('DescribeTable', { TableName: 'orders' })) as { Table: Record<string, unknown> & { GlobalSecondaryIndexes: Record<string, unknown>[]; LocalSecondaryIndexes: Record<string, unknown>[] } };
    expect(Table).toMatchObject({
      ItemCount: 1,
      ProvisionedThroughput: { NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 },
      BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST', LastUpdateToPayPerRequestDateTime: Date.UTC(2026, 10, 22, 3, 40) / 1000 },
      TableClassSummary: { TableClass: 'STANDARD' },
      DeletionProtectionEnabled: false,
      WarmThroughput: { ReadUnitsPerSecond: 12000, WriteUnitsPerSecond: 4000, Status: 'ACTIVE' },
    });
    expect(Table.TableSizeBytes).toBeGreaterThan(0);
    expect(Table.SSEDescription).toBeUndefined();
    expect(Table.GlobalSecondaryIndexes[0]).toMatchObject({ IndexStatus: 'ACTIVE', ItemCount: 1, WarmThroughput: { Status: 'ACTIVE' } });
    expect(Table.GlobalSecondaryIndexes[0]?.IndexSizeBytes).toBeGreaterThan(0);
    expect(Table.LocalSecondaryIndexes[0]).toMatchObject({ ItemCount: 1 });
    expect(Table.LocalSecondaryIndexes[0]?.IndexStatus).toBeUndefined();
  });

  it('reports provisioned throughput and a warm throughput at least as high', async () => {
    const engine = new Engine({ region: 'us-east-1', accountId: '0', clock: new VirtualClock() });
    await engine.execute('CreateTable', { ...simpleTable('prov'), BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 20000, WriteCapacityUnits: 5 } });
    const { Table } = (await engine.execute('DescribeTable', { TableName: 'prov' })) as { Table: Record<string, unknown> };
    expect(Table.ProvisionedThroughput).toEqual({ NumberOfDecreasesToday: 0, ReadCapacityUnits: 20000, WriteCapacityUnits: 5 });
    expect(Table.BillingModeSummary).toEqual({ BillingMode: 'PROVISIONED' });
    expect(Table.WarmThroughput).toEqual({ ReadUnitsPerSecond: 20000, WriteUnitsPerSecond: 4000, Status: 'ACTIVE' });
  });
});

// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTables.html (Limit: 1–100)
describe('ListTables validation', () => {
  it.each([
    [{ Limit: 0 }, "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    [{ Limit: 101 }, "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100"],
    [{ ExclusiveStartTableName: 'a!' }, "1 validation error detected: Value 'a!' at 'exclusiveStartTableName' failed to satisfy constraint: Member must have length greater than or equal to 3"],
  ])('rejects %j', async (input, message) => {
    const engine = new Engine({ region: 'us-east-1', accountId: '0', clock: new VirtualClock() });
    await expect(engine.execute('ListTables', input)).rejects.toMatchObject({ type: 'ValidationException', message });
  });

  it('pages through many tables with Limit and LastEvaluatedTableName', async () => {
    const engine = new Engine({ region: 'us-east-1', accountId: '0', clock: new VirtualClock() });
    const names = Array.from({ length: 7 }, (_, i) => `table-${i}`);
    for (const name of names) await engine.execute('CreateTable', simpleTable(name));
    const seen: string[] = [];
    let start: string | undefined;
    do {
      const page = (await engine.execute('ListTables', { Limit: 3, ...(start ? { ExclusiveStartTableName: start } : {}) })) as { TableNames: string[]; LastEvaluatedTableName?: string };
      seen.push(...page.TableNames);
      start = page.LastEvaluatedTableName;
    } while (start);
    expect(seen).toEqual(names);
  });
});

// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteTable.html
describe('DeleteTable', () => {
  it('refuses a protected table with AWS message and keeps it', async () => {
    const engine = new Engine({ region: 'us-east-1', accountId: '0', clock: new VirtualClock() });
    await engine.execute('CreateTable', simpleTable('kept', { DeletionProtectionEnabled: true }));
    await expect(engine.execute('DeleteTable', { TableName: 'kept' })).rejects.toMatchObject({
      type: 'ValidationException',
      message: 'Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.',
    });
    expect(engine.tableNames()).toEqual(['kept']);
  });

  it('returns the description with TableStatus DELETING and then the table is gone', async () => {
    const engine = new Engine({ region: 'us-east-1', accountId: '0', clock: new VirtualClock() });
    await engine.execute('CreateTable', simpleTable('gone'));
    const out = (await engine.execute('DeleteTable', { TableName: 'gone' })) as { TableDescription: Record<string, unknown> };
    expect(out.TableDescription).toMatchObject({ TableName: 'gone', TableStatus: 'DELETING', ItemCount: 0 });
    await expect(engine.execute('DeleteTable', { TableName: 'gone' })).rejects.toMatchObject({ type: 'ResourceNotFoundException', message: 'Requested resource not found: Table: gone not found' });
  });
});
