import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ordersEngine } from '../testing/ordersEngine';
import { rejection } from '../testing/rejection';
import type { Engine } from '../Engine';

// The orders table: PK/SK strings; GSI1 on GSI1PK (S) / GSI1SK (N); LSI ByCreatedAt on PK / createdAt (N).
const query = (engine: Engine, extra: Record<string, unknown>) =>
  engine.execute('Query', { TableName: 'orders', KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': { S: 'o#1' } }, ...extra });
const gsiQuery = (engine: Engine, extra: Record<string, unknown>) =>
  engine.execute('Query', { TableName: 'orders', IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :g', ExpressionAttributeValues: { ':g': { S: 'c#1' } }, ...extra });
const message = async (promise: Promise<unknown>) => (await rejection(promise)).message;

const INVALID = 'The provided starting key is invalid';
const NO_MATCH = 'The provided key element does not match the schema';

// ExclusiveStartKey is the primary key of the item to start after; for an index, the table's and the index's key
// attributes (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html#DDB-Query-request-ExclusiveStartKey).
// Messages as dynalite's tests record them from DynamoDB (test/query.js, test/scan.js).
describe('Query ExclusiveStartKey', () => {
  it('missing or extra attributes: "The provided starting key is invalid"', async () => {
    const engine = await ordersEngine();
    expect(await message(query(engine, { ExclusiveStartKey: { PK: { S: 'o#1' } } }))).toBe(INVALID);
    expect(await message(query(engine, { ExclusiveStartKey: { PK: { S: 'o#1' }, SK: { S: 'a' }, other: { S: 'x' } } }))).toBe(INVALID);
    expect(await message(query(engine, { ExclusiveStartKey: { PK: { S: 'o#1' }, other: { S: 'x' } } }))).toBe(INVALID);
    // On an index, the table key alone is not enough.
    expect(await message(gsiQuery(engine, { ExclusiveStartKey: { PK: { S: 'o#1' }, SK: { S: 'a' } } }))).toBe(INVALID);
  });

  it('a key attribute of the wrong type in the key queried: "The provided key element does not match the schema"', async () => {
    const engine = await ordersEngine();
    expect(await message(query(engine, { ExclusiveStartKey: { PK: { S: 'o#1' }, SK: { N: '1' } } }))).toBe(NO_MATCH);
    expect(await message(gsiQuery(engine, { ExclusiveStartKey: { PK: { S: 'o#1' }, SK: { S: 'a' }, GSI1PK: { S: 'c#1' }, GSI1SK: { S: 'x' } } }))).toBe(NO_MATCH);
  });

  it('on an index, a bad table key part: "The provided starting key is invalid: The provided key element does not match the schema"', async () => {
    const engine = await ordersEngine();
    const key = { PK: { S: 'o#1' }, SK: { N: '1' }, GSI1PK: { S: 'c#1' }, GSI1SK: { N: '5' } };
    expect(await message(gsiQuery(engine, { ExclusiveStartKey: key }))).toBe(`${INVALID}: ${NO_MATCH}`);
  });

  it('another partition than the one queried, on the table and on a GSI', async () => {
    const engine = await ordersEngine();
    const outside = 'The provided starting key is outside query boundaries based on provided conditions';
    expect(await message(query(engine, { ExclusiveStartKey: { PK: { S: 'o#2' }, SK: { S: 'a' } } }))).toBe(outside);
    expect(await message(gsiQuery(engine, { ExclusiveStartKey: { PK: { S: 'o#1' }, SK: { S: 'a' }, GSI1PK: { S: 'c#2' }, GSI1SK: { N: '5' } } }))).toBe(outside);
  });

  it('a sort key the sort key condition excludes: "The provided starting key does not match the range key predicate"', async () => {
    const engine = await ordersEngine();
    const error = await message(
      engine.execute('Query', {
        TableName: 'orders',
        KeyConditionExpression: 'PK = :p AND SK > :s',
        ExpressionAttributeValues: { ':p': { S: 'o#1' }, ':s': { S: 'm' } },
        ExclusiveStartKey: { PK: { S: 'o#1' }, SK: { S: 'a' } },
      }),
    );
    expect(error).toBe('The provided starting key does not match the range key predicate');
  });

  it('a valid start key pages on', async () => {
    const engine = await ordersEngine();
    for (const sk of ['a', 'b', 'c']) await engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'o#1' }, SK: { S: sk } } });
    const page = await query(engine, { ExclusiveStartKey: { PK: { S: 'o#1' }, SK: { S: 'a' } } });
    expect((page.Items as { SK: { S: string } }[]).map((i) => i.SK.S)).toEqual(['b', 'c']);
  });
});

describe('Scan ExclusiveStartKey', () => {
  it('of the table: wrong attributes are "…invalid: The provided key element does not match the schema"', async () => {
    const engine = await ordersEngine();
    expect(await message(engine.execute('Scan', { TableName: 'orders', ExclusiveStartKey: { PK: { S: 'o#1' } } }))).toBe(`${INVALID}: ${NO_MATCH}`);
    expect(await message(engine.execute('Scan', { TableName: 'orders', ExclusiveStartKey: { PK: { S: 'o#1' }, SK: { N: '1' } } }))).toBe(`${INVALID}: ${NO_MATCH}`);
  });

  it('of an index: wrong attributes are "The provided starting key is invalid"', async () => {
    const engine = await ordersEngine();
    expect(await message(engine.execute('Scan', { TableName: 'orders', IndexName: 'GSI1', ExclusiveStartKey: { PK: { S: 'o#1' }, SK: { S: 'a' } } }))).toBe(INVALID);
  });

  it('a parallel Scan refuses a start key of another segment (message recorded from DynamoDB: https://github.com/scylladb/scylladb/pull/9270)', async () => {
    const engine = await ordersEngine();
    const key = { PK: { S: 'o#1' }, SK: { S: 'a' } };
    const segment = crc32(JSON.stringify(key.PK)) % 4;
    const other = (segment + 1) % 4;
    expect(await message(engine.execute('Scan', { TableName: 'orders', Segment: other, TotalSegments: 4, ExclusiveStartKey: key }))).toBe(
      `${INVALID}: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: 4 Segment: ${other}`,
    );
    await engine.execute('Scan', { TableName: 'orders', Segment: segment, TotalSegments: 4, ExclusiveStartKey: key });
  });
});

// AttributesToGet has at least one member (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html#DDB-GetItem-request-AttributesToGet;
// the constraint message as dynalite's test/getItem.js records it).
describe('empty AttributesToGet', () => {
  it('is refused by GetItem, Query, Scan and BatchGetItem', async () => {
    const engine = await ordersEngine();
    const constraint = (member: string) => `1 validation error detected: Value '[]' at '${member}' failed to satisfy constraint: Member must have length greater than or equal to 1`;
    const key = { PK: { S: 'o#1' }, SK: { S: 'a' } };
    expect(await message(engine.execute('GetItem', { TableName: 'orders', Key: key, AttributesToGet: [] }))).toBe(constraint('attributesToGet'));
    expect(await message(engine.execute('Scan', { TableName: 'orders', AttributesToGet: [] }))).toBe(constraint('attributesToGet'));
    expect(await message(engine.execute('Query', { TableName: 'orders', KeyConditions: { PK: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'o#1' }] } }, AttributesToGet: [] }))).toBe(
      constraint('attributesToGet'),
    );
    expect(await message(engine.execute('BatchGetItem', { RequestItems: { orders: { Keys: [key], AttributesToGet: [] } } }))).toBe(constraint('requestItems.orders.member.attributesToGet'));
  });
});
