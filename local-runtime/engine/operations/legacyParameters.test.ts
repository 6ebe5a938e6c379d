import { describe, expect, it } from 'vitest';
import { ordersEngine } from '../testing/ordersEngine';

const key = { PK: { S: 'o#1' }, SK: { S: 'meta' } };

async function seeded(): Promise<Awaited<ReturnType<typeof ordersEngine>>> {
  const engine = await ordersEngine();
  for (const [sk, n] of [['a', '1'], ['b', '2'], ['c', '3']] as const) {
    await engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'p' }, SK: { S: sk }, n: { N: n }, tag: { S: `t-${sk}` } } });
  }
  return engine;
}

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.Expected.html
describe('Expected', () => {
  it('checks Exists/Value and ComparisonOperator entries, combined by ConditionalOperator', async () => {
    const engine = await ordersEngine();
    await engine.execute('PutItem', { TableName: 'orders', Item: key, Expected: { PK: { Exists: false } } });
    await expect(engine.execute('PutItem', { TableName: 'orders', Item: key, Expected: { PK: { Exists: false } } })).rejects.toMatchObject({
      type: 'ConditionalCheckFailedException',
    });
    await engine.execute('PutItem', { TableName: 'orders', Item: { ...key, n: { N: '5' } }, Expected: { SK: { Value: { S: 'meta' } } } });
    const out = await engine.execute('DeleteItem', {
      TableName: 'orders',
      Key: key,
      Expected: { n: { ComparisonOperator: 'GT', AttributeValueList: [{ N: '10' }] }, SK: { ComparisonOperator: 'BEGINS_WITH', AttributeValueList: [{ S: 'me' }] } },
      ConditionalOperator: 'OR',
      ReturnValues: 'ALL_OLD',
    });
    expect(out).toEqual({ Attributes: { ...key, n: { N: '5' } } });
  });

  it('validates entries with AWS messages', async () => {
    const engine = await ordersEngine();
    await expect(engine.execute('PutItem', { TableName: 'orders', Item: key, Expected: { a: { Exists: true } } })).rejects.toMatchObject({
      message: 'One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: a',
    });
    await expect(engine.execute('PutItem', { TableName: 'orders', Item: key, Expected: { a: { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ N: '1' }] } } })).rejects.toMatchObject({
      message: 'One or more parameter values were invalid: Invalid number of argument(s) for the BETWEEN ComparisonOperator',
    });
  });

  it('cannot be mixed with expression parameters', async () => {
    const engine = await ordersEngine();
    await expect(
      engine.execute('PutItem', { TableName: 'orders', Item: key, Expected: { PK: { Exists: false } }, ConditionExpression: 'attribute_not_exists(PK)' }),
    ).rejects.toMatchObject({
      type: 'ValidationException',
      message: 'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}',
    });
  });
});

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.AttributeUpdates.html
describe('AttributeUpdates', () => {
  it('PUTs, ADDs and DELETEs attributes', async () => {
    const engine = await ordersEngine();
    await engine.execute('PutItem', { TableName: 'orders', Item: { ...key, gone: { S: 'x' }, tags: { SS: ['a', 'b'] } } });
    const out = await engine.execute('UpdateItem', {
      TableName: 'orders',
      Key: key,
      AttributeUpdates: { name: { Action: 'PUT', Value: { S: 'n' } }, count: { Action: 'ADD', Value: { N: '2' } }, gone: { Action: 'DELETE' }, tags: { Action: 'DELETE', Value: { SS: ['a'] } } },
      ReturnValues: 'ALL_NEW',
    });
    expect(out).toEqual({ Attributes: { ...key, name: { S: 'n' }, count: { N: '2' }, tags: { SS: ['b'] } } });
  });
});

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.KeyConditions.html
describe('KeyConditions, QueryFilter, ScanFilter, AttributesToGet', () => {
  it('query by KeyConditions with a QueryFilter and AttributesToGet', async () => {
    const engine = await seeded();
    const out = await engine.execute('Query', {
      TableName: 'orders',
      KeyConditions: { PK: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'p' }] }, SK: { ComparisonOperator: 'GE', AttributeValueList: [{ S: 'b' }] } },
      QueryFilter: { n: { ComparisonOperator: 'IN', AttributeValueList: [{ N: '3' }, { N: '9' }] } },
      AttributesToGet: ['SK'],
    });
    expect(out).toEqual({ Items: [{ SK: { S: 'c' } }], Count: 1, ScannedCount: 2 });
  });

  it('KeyConditions may accompany a FilterExpression, and only indexable operators are allowed', async () => {
    const engine = await seeded();
    const out = await engine.execute('Query', {
      TableName: 'orders',
      KeyConditions: { PK: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'p' }] } },
      FilterExpression: 'n > :one',
      ExpressionAttributeValues: { ':one': { N: '1' } },
      Select: 'COUNT',
    });
    expect(out).toEqual({ Count: 2, ScannedCount: 3 });
    await expect(
      engine.execute('Query', { TableName: 'orders', KeyConditions: { PK: { ComparisonOperator: 'NE', AttributeValueList: [{ S: 'p' }] } } }),
    ).rejects.toMatchObject({ message: 'Attempted conditional constraint is not an indexable operation' });
  });

  it('scans with a ScanFilter combined by OR', async () => {
    const engine = await seeded();
    const out = await engine.execute('Scan', {
      TableName: 'orders',
      ScanFilter: { n: { ComparisonOperator: 'LT', AttributeValueList: [{ N: '2' }] }, tag: { ComparisonOperator: 'CONTAINS', AttributeValueList: [{ S: '-c' }] } },
      ConditionalOperator: 'OR',
      AttributesToGet: ['SK'],
    });
    expect(out.Items).toEqual([{ SK: { S: 'a' } }, { SK: { S: 'c' } }]);
  });
});
