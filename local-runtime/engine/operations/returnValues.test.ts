import { describe, expect, it } from 'vitest';
import { ordersEngine } from '../testing/ordersEngine';

const key = { PK: { S: 'o#1' }, SK: { S: 'meta' } };

// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html#DDB-UpdateItem-request-ReturnValues
describe('ReturnValues', () => {
  it('UPDATED_OLD and UPDATED_NEW return only the attributes the update wrote', async () => {
    const engine = await ordersEngine();
    await engine.execute('PutItem', { TableName: 'orders', Item: { ...key, a: { N: '1' }, b: { S: 'keep' }, c: { S: 'gone' } } });
    const update = { TableName: 'orders', Key: key, UpdateExpression: 'SET a = a + :one REMOVE c', ExpressionAttributeValues: { ':one': { N: '1' } } };
    expect(await engine.execute('UpdateItem', { ...update, ReturnValues: 'UPDATED_OLD' })).toEqual({ Attributes: { a: { N: '1' }, c: { S: 'gone' } } });
    expect(await engine.execute('UpdateItem', { ...update, ReturnValues: 'UPDATED_NEW' })).toEqual({ Attributes: { a: { N: '3' } } });
    expect(await engine.execute('UpdateItem', { ...update, ReturnValues: 'ALL_NEW' })).toEqual({ Attributes: { ...key, a: { N: '4' }, b: { S: 'keep' } } });
  });

  it('PutItem and DeleteItem accept only NONE and ALL_OLD', async () => {
    const engine = await ordersEngine();
    await expect(engine.execute('PutItem', { TableName: 'orders', Item: key, ReturnValues: 'ALL_NEW' })).rejects.toMatchObject({ message: 'ReturnValues can only be ALL_OLD or NONE' });
    await engine.execute('PutItem', { TableName: 'orders', Item: key });
    expect(await engine.execute('DeleteItem', { TableName: 'orders', Key: key, ReturnValues: 'ALL_OLD' })).toEqual({ Attributes: key });
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html#DDB-PutItem-request-ReturnValuesOnConditionCheckFailure
  it('ReturnValuesOnConditionCheckFailure ALL_OLD puts the item on the error, for Put, Update and Delete', async () => {
    const engine = await ordersEngine();
    await engine.execute('PutItem', { TableName: 'orders', Item: { ...key, v: { N: '1' } } });
    const fail = { ConditionExpression: 'attribute_not_exists(PK)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' };
    const expected = { type: 'ConditionalCheckFailedException', message: 'The conditional request failed', extra: { Item: { ...key, v: { N: '1' } } } };
    await expect(engine.execute('PutItem', { TableName: 'orders', Item: key, ...fail })).rejects.toMatchObject(expected);
    await expect(engine.execute('UpdateItem', { TableName: 'orders', Key: key, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { N: '2' } }, ...fail })).rejects.toMatchObject(expected);
    await expect(engine.execute('DeleteItem', { TableName: 'orders', Key: key, ...fail })).rejects.toMatchObject(expected);
    await expect(engine.execute('DeleteItem', { TableName: 'orders', Key: key, ...fail, ReturnValuesOnConditionCheckFailure: 'ALL_NEW' })).rejects.toMatchObject({
      message: "1 validation error detected: Value 'ALL_NEW' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]",
    });
  });
});

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
describe('ReturnConsumedCapacity', () => {
  it('charges writes in 1 KB units of the larger image and counts GSI and LSI writes for INDEXES', async () => {
    const engine = await ordersEngine();
    const item = { ...key, GSI1PK: { S: 'g' }, GSI1SK: { N: '1' }, createdAt: { N: '5' }, body: { S: 'x'.repeat(2000) } };
    const out = await engine.execute('PutItem', { TableName: 'orders', Item: item, ReturnConsumedCapacity: 'INDEXES' });
    // table: 2 KB item → 2 units; GSI1 (ALL projection) → 2 units; LSI (KEYS_ONLY) → 1 unit.
    expect(out.ConsumedCapacity).toEqual({
      TableName: 'orders',
      CapacityUnits: 5,
      Table: { CapacityUnits: 2 },
      GlobalSecondaryIndexes: { GSI1: { CapacityUnits: 2 } },
      LocalSecondaryIndexes: { ByCreatedAt: { CapacityUnits: 1 } },
    });
    const total = await engine.execute('DeleteItem', { TableName: 'orders', Key: key, ReturnConsumedCapacity: 'TOTAL' });
    expect(total.ConsumedCapacity).toEqual({ TableName: 'orders', CapacityUnits: 5 });
  });

  it('charges reads in 4 KB units, half for eventually consistent reads', async () => {
    const engine = await ordersEngine();
    await engine.execute('PutItem', { TableName: 'orders', Item: { ...key, body: { S: 'x'.repeat(5000) } } });
    const eventual = await engine.execute('GetItem', { TableName: 'orders', Key: key, ReturnConsumedCapacity: 'TOTAL' });
    expect(eventual.ConsumedCapacity).toEqual({ TableName: 'orders', CapacityUnits: 1 });
    const strong = await engine.execute('GetItem', { TableName: 'orders', Key: key, ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' });
    expect(strong.ConsumedCapacity).toEqual({ TableName: 'orders', CapacityUnits: 2 });
    const query = await engine.execute('Query', {
      TableName: 'orders',
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': { S: 'o#1' } },
      ReturnConsumedCapacity: 'TOTAL',
    });
    expect(query.ConsumedCapacity).toEqual({ TableName: 'orders', CapacityUnits: 1 });
  });
});

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.ItemCollections
describe('ReturnItemCollectionMetrics', () => {
  it('returns the item collection size for a table with an LSI, and nothing otherwise', async () => {
    const engine = await ordersEngine();
    const out = await engine.execute('PutItem', { TableName: 'orders', Item: key, ReturnItemCollectionMetrics: 'SIZE' });
    expect(out).toEqual({ ItemCollectionMetrics: { ItemCollectionKey: { PK: { S: 'o#1' } }, SizeEstimateRangeGB: [0, 1] } });
    await engine.execute('CreateTable', {
      TableName: 'plain',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    });
    expect(await engine.execute('PutItem', { TableName: 'plain', Item: { id: { S: '1' } }, ReturnItemCollectionMetrics: 'SIZE' })).toEqual({});
  });
});
