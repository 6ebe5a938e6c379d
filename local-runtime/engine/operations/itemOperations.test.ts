import { describe, expect, it } from 'vitest';
import { ordersEngine } from '../testing/ordersEngine';

const key = { PK: { S: 'o#1' }, SK: { S: 'meta' } };

// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html
describe('PutItem / GetItem / DeleteItem', () => {
  it('stores normalised numbers and returns ALL_OLD on replace', async () => {
    const engine = await ordersEngine();
    expect(await engine.execute('PutItem', { TableName: 'orders', Item: { ...key, total: { N: '10.50' } } })).toEqual({});
    const out = await engine.execute('PutItem', { TableName: 'orders', Item: { ...key, total: { N: '11' } }, ReturnValues: 'ALL_OLD' });
    expect(out).toEqual({ Attributes: { ...key, total: { N: '10.5' } } });
    expect(await engine.execute('GetItem', { TableName: 'orders', Key: key })).toEqual({ Item: { ...key, total: { N: '11' } } });
  });

  it('projects GetItem results', async () => {
    const engine = await ordersEngine();
    await engine.execute('PutItem', { TableName: 'orders', Item: { ...key, a: { S: '1' }, b: { M: { c: { S: '2' }, d: { S: '3' } } } } });
    const out = await engine.execute('GetItem', { TableName: 'orders', Key: key, ProjectionExpression: 'a, #b.c', ExpressionAttributeNames: { '#b': 'b' } });
    expect(out).toEqual({ Item: { a: { S: '1' }, b: { M: { c: { S: '2' } } } } });
  });

  it('returns {} for a missing item', async () => {
    const engine = await ordersEngine();
    expect(await engine.execute('GetItem', { TableName: 'orders', Key: key })).toEqual({});
  });

  it('validates keys with AWS wording', async () => {
    const engine = await ordersEngine();
    await expect(engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'x' } } })).rejects.toMatchObject({
      message: 'One or more parameter values were invalid: Missing the key SK in the item',
    });
    await expect(engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'x' }, SK: { N: '1' } } })).rejects.toMatchObject({
      message: 'One or more parameter values were invalid: Type mismatch for key SK expected: S actual: N',
    });
    await expect(engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: '' }, SK: { S: 'x' } } })).rejects.toMatchObject({
      message: 'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: PK',
    });
    await expect(engine.execute('GetItem', { TableName: 'orders', Key: { PK: { S: 'x' } } })).rejects.toMatchObject({ message: 'The provided key element does not match the schema' });
    await expect(engine.execute('PutItem', { TableName: 'orders', Item: { ...key, GSI1SK: { S: 'not-a-number' } } })).rejects.toMatchObject({
      message: 'One or more parameter values were invalid: Type mismatch for Index Key GSI1SK Expected: N Actual: S IndexName: GSI1',
    });
  });

  it('fails a condition with ConditionalCheckFailedException and changes nothing', async () => {
    const engine = await ordersEngine();
    await engine.execute('PutItem', { TableName: 'orders', Item: { ...key, v: { N: '1' } } });
    const attempt = engine.execute('PutItem', { TableName: 'orders', Item: { ...key, v: { N: '2' } }, ConditionExpression: 'v = :two', ExpressionAttributeValues: { ':two': { N: '2' } } });
    await expect(attempt).rejects.toMatchObject({ type: 'ConditionalCheckFailedException', message: 'The conditional request failed' });
    expect(await engine.execute('GetItem', { TableName: 'orders', Key: key })).toEqual({ Item: { ...key, v: { N: '1' } } });
  });

  it('rejects unused expression attribute values', async () => {
    const engine = await ordersEngine();
    const attempt = engine.execute('PutItem', { TableName: 'orders', Item: key, ConditionExpression: 'attribute_not_exists(PK)', ExpressionAttributeValues: { ':x': { S: '1' } } });
    await expect(attempt).rejects.toMatchObject({ message: 'Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}' });
  });

  it('rejects items over 400 KB', async () => {
    const engine = await ordersEngine();
    const attempt = engine.execute('PutItem', { TableName: 'orders', Item: { ...key, blob: { S: 'x'.repeat(400 * 1024) } } });
    await expect(attempt).rejects.toMatchObject({ message: 'Item size has exceeded the maximum allowed size' });
  });

  it('deletes with a condition and ALL_OLD', async () => {
    const engine = await ordersEngine();
    await engine.execute('PutItem', { TableName: 'orders', Item: { ...key, v: { N: '1' } } });
    const out = await engine.execute('DeleteItem', { TableName: 'orders', Key: key, ConditionExpression: 'v = :one', ExpressionAttributeValues: { ':one': { N: '1' } }, ReturnValues: 'ALL_OLD' });
    expect(out).toEqual({ Attributes: { ...key, v: { N: '1' } } });
    expect(await engine.execute('GetItem', { TableName: 'orders', Key: key })).toEqual({});
  });

  it('says Requested resource not found for a missing table', async () => {
    const engine = await ordersEngine();
    await expect(engine.execute('PutItem', { TableName: 'nope', Item: key })).rejects.toMatchObject({ type: 'ResourceNotFoundException', message: 'Requested resource not found' });
  });
});

// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html
describe('UpdateItem', () => {
  it('creates a missing item from its key and returns UPDATED_NEW', async () => {
    const engine = await ordersEngine();
    const out = await engine.execute('UpdateItem', {
      TableName: 'orders',
      Key: key,
      UpdateExpression: 'SET #c = if_not_exists(#c, :zero) + :one',
      ExpressionAttributeNames: { '#c': 'count' },
      ExpressionAttributeValues: { ':zero': { N: '0' }, ':one': { N: '1' } },
      ReturnValues: 'UPDATED_NEW',
    });
    expect(out).toEqual({ Attributes: { count: { N: '1' } } });
    expect(await engine.execute('GetItem', { TableName: 'orders', Key: key })).toEqual({ Item: { ...key, count: { N: '1' } } });
  });

  it('returns UPDATED_OLD and ALL_OLD', async () => {
    const engine = await ordersEngine();
    await engine.execute('PutItem', { TableName: 'orders', Item: { ...key, a: { S: '1' }, b: { S: '2' } } });
    const updatedOld = await engine.execute('UpdateItem', { TableName: 'orders', Key: key, UpdateExpression: 'SET a = :x', ExpressionAttributeValues: { ':x': { S: 'x' } }, ReturnValues: 'UPDATED_OLD' });
    expect(updatedOld).toEqual({ Attributes: { a: { S: '1' } } });
    const allOld = await engine.execute('UpdateItem', { TableName: 'orders', Key: key, UpdateExpression: 'REMOVE b', ReturnValues: 'ALL_OLD' });
    expect(allOld).toEqual({ Attributes: { ...key, a: { S: 'x' }, b: { S: '2' } } });
  });

  it('refuses to update key attributes', async () => {
    const engine = await ordersEngine();
    const attempt = engine.execute('UpdateItem', { TableName: 'orders', Key: key, UpdateExpression: 'SET SK = :x', ExpressionAttributeValues: { ':x': { S: 'x' } } });
    await expect(attempt).rejects.toMatchObject({ message: 'One or more parameter values were invalid: Cannot update attribute SK. This attribute is part of the key' });
  });

  it('implements optimistic locking with a version condition', async () => {
    const engine = await ordersEngine();
    await engine.execute('PutItem', { TableName: 'orders', Item: { ...key, version: { N: '1' } } });
    const bump = (expected: string) =>
      engine.execute('UpdateItem', {
        TableName: 'orders',
        Key: key,
        UpdateExpression: 'SET version = version + :one',
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':one': { N: '1' }, ':expected': { N: expected } },
      });
    await bump('1');
    await expect(bump('1')).rejects.toMatchObject({ type: 'ConditionalCheckFailedException' });
    expect(await engine.execute('GetItem', { TableName: 'orders', Key: key })).toEqual({ Item: { ...key, version: { N: '2' } } });
  });

  it('rejects an invalid ReturnValues with the enum constraint message', async () => {
    const engine = await ordersEngine();
    await expect(engine.execute('UpdateItem', { TableName: 'orders', Key: key, ReturnValues: 'EVERYTHING' })).rejects.toMatchObject({
      message: "1 validation error detected: Value 'EVERYTHING' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW]",
    });
  });
});
