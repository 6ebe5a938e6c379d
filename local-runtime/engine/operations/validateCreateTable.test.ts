import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../Engine';

const INVALID = 'One or more parameter values were invalid: ';
const base = {
  TableName: 'things',
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
};
const defs = (...names: string[]) => names.map((AttributeName) => ({ AttributeName, AttributeType: 'S' }));
const key = (hash: string, range?: string) => [{ AttributeName: hash, KeyType: 'HASH' }, ...(range ? [{ AttributeName: range, KeyType: 'RANGE' }] : [])];
const lsi = (name: string, hash = 'pk', range = 'x', projection: Record<string, unknown> = { ProjectionType: 'ALL' }) => ({ IndexName: name, KeySchema: key(hash, range), Projection: projection });
const gsi = (name: string, hash = 'x', extra: Record<string, unknown> = {}) => ({ IndexName: name, KeySchema: key(hash), Projection: { ProjectionType: 'KEYS_ONLY' }, ...extra });

// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
// Limits (20 GSIs, 5 LSIs): https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html
describe('CreateTable validation', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['throughput with PAY_PER_REQUEST', { ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }, `${INVALID}Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST`],
    ['PROVISIONED without throughput', { BillingMode: 'PROVISIONED' }, `${INVALID}ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED`],
    ['a key attribute without a definition', { KeySchema: key('pk', 'nope') }, `${INVALID}Some index key attributes are not defined in AttributeDefinitions. Keys: [pk, nope], AttributeDefinitions: [pk, sk]`],
    ['more keys than definitions', { AttributeDefinitions: defs('pk') }, 'Invalid KeySchema: Some index key attribute have no definition'],
    ['hash and range with one name', { KeySchema: key('pk', 'pk') }, 'Both the Hash Key and the Range Key element in the KeySchema have the same name'],
    ['RANGE first', { KeySchema: [{ AttributeName: 'pk', KeyType: 'RANGE' }, { AttributeName: 'sk', KeyType: 'HASH' }] }, 'Invalid KeySchema: The first KeySchemaElement is not a HASH key type'],
    ['an unused definition without indexes', { AttributeDefinitions: defs('pk', 'sk', 'x') }, `${INVALID}Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions`],
    ['an unused definition with indexes', { AttributeDefinitions: defs('pk', 'sk', 'x', 'y'), GlobalSecondaryIndexes: [gsi('gs1')] }, `${INVALID}Some AttributeDefinitions are not used. AttributeDefinitions: [pk, sk, x, y], keys used: [pk, sk, x]`],
    ['an empty LSI list', { LocalSecondaryIndexes: [] }, `${INVALID}List of LocalSecondaryIndexes is empty`],
    ['an LSI on a table without range key', { KeySchema: key('pk'), AttributeDefinitions: defs('pk', 'x'), LocalSecondaryIndexes: [lsi('ls1')] }, `${INVALID}Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex`],
    ['an LSI with another hash key', { AttributeDefinitions: defs('pk', 'sk', 'x'), LocalSecondaryIndexes: [lsi('ls1', 'x', 'sk')] }, `${INVALID}Index KeySchema does not have the same leading hash key as table KeySchema for index: ls1. index hash key: x, table hash key: pk`],
    ['an LSI without range key', { AttributeDefinitions: defs('pk', 'sk'), LocalSecondaryIndexes: [{ IndexName: 'ls1', KeySchema: key('pk'), Projection: { ProjectionType: 'ALL' } }] }, `${INVALID}Index KeySchema does not have a range key for index: ls1`],
    ['six LSIs', { AttributeDefinitions: defs('pk', 'sk', 'x'), LocalSecondaryIndexes: [1, 2, 3, 4, 5, 6].map((i) => lsi(`lsi${i}`)) }, `${INVALID}Number of LocalSecondaryIndexes exceeds per-table limit of 5`],
    ['21 GSIs', { AttributeDefinitions: defs('pk', 'sk', 'x'), GlobalSecondaryIndexes: Array.from({ length: 21 }, (_, i) => gsi(`gsi${i}`)) }, `${INVALID}GlobalSecondaryIndex count exceeds the per-table limit of 20`],
    ['a duplicate index name', { AttributeDefinitions: defs('pk', 'sk', 'x'), GlobalSecondaryIndexes: [gsi('same')], LocalSecondaryIndexes: [lsi('same')] }, `${INVALID}Duplicate index name: same`],
    ['NonKeyAttributes with ALL', { AttributeDefinitions: defs('pk', 'sk', 'x'), GlobalSecondaryIndexes: [{ ...gsi('gs1'), Projection: { ProjectionType: 'ALL', NonKeyAttributes: ['a'] } }] }, `${INVALID}ProjectionType is ALL, but NonKeyAttributes is specified`],
    ['a missing ProjectionType', { AttributeDefinitions: defs('pk', 'sk', 'x'), GlobalSecondaryIndexes: [{ ...gsi('gs1'), Projection: {} }] }, `${INVALID}Unknown ProjectionType: null`],
    ['GSI throughput with PAY_PER_REQUEST', { AttributeDefinitions: defs('pk', 'sk', 'x'), GlobalSecondaryIndexes: [gsi('gs1', 'x', { ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } })] }, `${INVALID}ProvisionedThroughput should not be specified for index: gs1 when BillingMode is PAY_PER_REQUEST`],
  ])('rejects %s', async (_what, change, message) => {
    const engine = new Engine({ region: 'us-east-1', accountId: '0', clock: new VirtualClock() });
    await expect(engine.execute('CreateTable', { ...base, ...change })).rejects.toMatchObject({ type: 'ValidationException', message });
    expect(engine.tableNames()).toEqual([]);
  });

  it('accepts 5 LSIs and 20 GSIs with KEYS_ONLY, INCLUDE and ALL projections', async () => {
    const engine = new Engine({ region: 'us-east-1', accountId: '0', clock: new VirtualClock() });
    await engine.execute('CreateTable', {
      ...base,
      AttributeDefinitions: defs('pk', 'sk', 'x'),
      LocalSecondaryIndexes: [1, 2, 3, 4, 5].map((i) => lsi(`lsi${i}`, 'pk', 'x', i === 1 ? { ProjectionType: 'INCLUDE', NonKeyAttributes: ['a'] } : { ProjectionType: 'ALL' })),
      GlobalSecondaryIndexes: Array.from({ length: 20 }, (_, i) => gsi(`gsi${i}`)),
    });
    const { Table } = (await engine.execute('DescribeTable', { TableName: 'things' })) as { Table: { LocalSecondaryIndexes: unknown[]; GlobalSecondaryIndexes: unknown[] } };
    expect(Table.LocalSecondaryIndexes).toHaveLength(5);
    expect(Table.GlobalSecondaryIndexes).toHaveLength(20);
  });
});
