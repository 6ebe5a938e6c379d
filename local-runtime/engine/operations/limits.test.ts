import { describe, expect, it } from 'vitest';
import { ordersEngine } from '../testing/ordersEngine';

const key = { PK: { S: 'o#1' }, SK: { S: 'meta' } };

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { S: 'leaf' };
  for (let i = 0; i < depth; i += 1) value = { M: { x: value } };
  return value;
}

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html
describe('DynamoDB limits', () => {
  it('partition keys up to 2048 bytes, sort keys up to 1024 bytes', async () => {
    const engine = await ordersEngine();
    await engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'p'.repeat(2048) }, SK: { S: 's'.repeat(1024) } } });
    await expect(engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'p'.repeat(2049) }, SK: { S: 's' } } })).rejects.toMatchObject({
      message: 'One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes',
    });
    await expect(engine.execute('GetItem', { TableName: 'orders', Key: { PK: { S: 'p' }, SK: { S: 's'.repeat(1025) } } })).rejects.toMatchObject({
      message: 'One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes',
    });
  });

  it('documents nest at most 32 levels', async () => {
    const engine = await ordersEngine();
    await engine.execute('PutItem', { TableName: 'orders', Item: { ...key, doc: nested(32) } });
    await expect(engine.execute('PutItem', { TableName: 'orders', Item: { ...key, doc: nested(33) } })).rejects.toMatchObject({
      message: 'One or more parameter values were invalid: Nesting Levels have exceeded supported limits',
    });
  });

  it('items up to 400 KB, also after an update', async () => {
    const engine = await ordersEngine();
    await expect(engine.execute('PutItem', { TableName: 'orders', Item: { ...key, big: { S: 'x'.repeat(400 * 1024) } } })).rejects.toMatchObject({
      message: 'Item size has exceeded the maximum allowed size',
    });
    await engine.execute('PutItem', { TableName: 'orders', Item: { ...key, big: { S: 'x'.repeat(300 * 1024) } } });
    await expect(
      engine.execute('UpdateItem', { TableName: 'orders', Key: key, UpdateExpression: 'SET more = :m', ExpressionAttributeValues: { ':m': { S: 'y'.repeat(200 * 1024) } } }),
    ).rejects.toMatchObject({ message: 'Item size to update has exceeded the maximum allowed size' });
  });

  it('expression strings up to 4 KB', async () => {
    const engine = await ordersEngine();
    const long = `attribute_exists(PK)${' AND attribute_exists(PK)'.repeat(170)}`;
    await expect(engine.execute('DeleteItem', { TableName: 'orders', Key: key, ConditionExpression: long })).rejects.toMatchObject({
      message: `Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: ${long.length}`,
    });
  });

  it('numbers: 38 significant digits and 1E-130 … 9.99E+125', async () => {
    const engine = await ordersEngine();
    await expect(engine.execute('PutItem', { TableName: 'orders', Item: { ...key, n: { N: '1'.repeat(39) } } })).rejects.toMatchObject({
      message: 'Attempting to store more than 38 significant digits in a Number',
    });
    await expect(engine.execute('PutItem', { TableName: 'orders', Item: { ...key, n: { N: '1e126' } } })).rejects.toMatchObject({
      message: 'Number overflow. Attempting to store a number with magnitude larger than supported range',
    });
  });

  it('empty sets and empty key strings are rejected', async () => {
    const engine = await ordersEngine();
    await expect(engine.execute('PutItem', { TableName: 'orders', Item: { ...key, s: { SS: [] } } })).rejects.toMatchObject({
      message: 'One or more parameter values were invalid: An string set  may not be empty',
    });
    await expect(engine.execute('GetItem', { TableName: 'orders', Key: { PK: { S: '' }, SK: { S: 'x' } } })).rejects.toMatchObject({
      message: 'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: PK',
    });
  });
});

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeNames.html
describe('expression checks', () => {
  it('reserved words, undefined and unused placeholders, overlapping update paths', async () => {
    const engine = await ordersEngine();
    await expect(engine.execute('GetItem', { TableName: 'orders', Key: key, ProjectionExpression: 'name' })).rejects.toMatchObject({
      message: 'Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: name',
    });
    await expect(engine.execute('GetItem', { TableName: 'orders', Key: key, ProjectionExpression: '#n' })).rejects.toMatchObject({
      message: 'Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #n',
    });
    await expect(
      engine.execute('GetItem', { TableName: 'orders', Key: key, ProjectionExpression: 'a', ExpressionAttributeNames: { '#unused': 'x' } }),
    ).rejects.toMatchObject({ message: 'Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}' });
    await expect(
      engine.execute('UpdateItem', { TableName: 'orders', Key: key, UpdateExpression: 'SET a = :v, a.b = :v', ExpressionAttributeValues: { ':v': { S: '1' } } }),
    ).rejects.toMatchObject({
      message: 'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]',
    });
  });
});

// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html
describe('Query and Scan limits', () => {
  it('stop a page after 1 MB of data read, before the filter is applied', async () => {
    const engine = await ordersEngine();
    const payload = { S: 'x'.repeat(100 * 1024) };
    for (let i = 0; i < 15; i += 1) {
      await engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'p' }, SK: { S: `s${String(i).padStart(2, '0')}` }, payload } });
    }
    const out = await engine.execute('Query', {
      TableName: 'orders',
      KeyConditionExpression: 'PK = :p',
      FilterExpression: 'attribute_not_exists(payload)',
      ExpressionAttributeValues: { ':p': { S: 'p' } },
    });
    expect(out).toMatchObject({ Count: 0, ScannedCount: 11, LastEvaluatedKey: { PK: { S: 'p' }, SK: { S: 's10' } } });
  });

  it('reject ConsistentRead on a GSI and validate Select', async () => {
    const engine = await ordersEngine();
    const query = { TableName: 'orders', IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :p', ExpressionAttributeValues: { ':p': { S: 'g' } } };
    await expect(engine.execute('Query', { ...query, ConsistentRead: true })).rejects.toMatchObject({ message: 'Consistent reads are not supported on global secondary indexes' });
    await expect(engine.execute('Scan', { TableName: 'orders', Select: 'SPECIFIC_ATTRIBUTES' })).rejects.toMatchObject({
      message: 'One or more parameter values were invalid: Select type SPECIFIC_ATTRIBUTES requires ProjectionExpression or AttributesToGet',
    });
    await expect(engine.execute('Scan', { TableName: 'orders', Select: 'ALL_PROJECTED_ATTRIBUTES' })).rejects.toMatchObject({
      message: 'ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName',
    });
    await expect(engine.execute('Scan', { TableName: 'orders', Select: 'COUNT', ProjectionExpression: 'a' })).rejects.toMatchObject({
      message: 'Cannot specify the ProjectionExpression when choosing to get COUNT',
    });
    expect(await engine.execute('Query', { ...query, Select: 'COUNT' })).toEqual({ Count: 0, ScannedCount: 0 });
  });
});
