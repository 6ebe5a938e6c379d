import { describe, expect, it } from 'vitest';
import { ordersEngine } from '../testing/ordersEngine';
import { streamTable } from '../testing/streamTable';

/**
 * Answers of expressions that AWS gives and we used to differ on: UpdateItem on a missing item, REMOVE under a
 * missing attribute, SET past the end of a list, contains/begins_with on binary values, key conditions with the
 * value on the left, filters over key attributes, legacy EQ/NE on every type.
 */
const get = async (engine: Awaited<ReturnType<typeof ordersEngine>>, key: Record<string, unknown>) => (await engine.execute('GetItem', { TableName: 'orders', Key: key })).Item as Record<string, unknown> | undefined;

describe('UpdateItem answers', () => {
  // "DELETE - Nothing happens; there is no attribute to delete" for a missing item
  // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.AttributeUpdates.html).
  it('creates nothing (no item, no stream record) when a missing item gets only REMOVE/DELETE actions', async () => {
    const { engine, records } = await streamTable();
    const update = (input: Record<string, unknown>) => engine.execute('UpdateItem', { TableName: 'events', Key: { pk: { S: 'ghost' } }, ReturnValues: 'ALL_NEW', ...input });
    await expect(update({ UpdateExpression: 'REMOVE a, b.c' })).resolves.toEqual({});
    await expect(update({ UpdateExpression: 'DELETE s :v', ExpressionAttributeValues: { ':v': { SS: ['x'] } } })).resolves.toEqual({});
    await expect(update({ AttributeUpdates: { a: { Action: 'DELETE' } } })).resolves.toEqual({});
    expect((await engine.execute('GetItem', { TableName: 'events', Key: { pk: { S: 'ghost' } } })).Item).toBeUndefined();
    expect(records()).toEqual([]);
    // Any SET or ADD creates the item, as before.
    await expect(update({ UpdateExpression: 'REMOVE a SET b = :v', ExpressionAttributeValues: { ':v': { N: '1' } } })).resolves.toEqual({ Attributes: { pk: { S: 'ghost' }, b: { N: '1' } } });
    expect(records().map((r) => r.eventName)).toEqual(['INSERT']);
  });

  it('ignores REMOVE of a nested path whose attribute is missing, and refuses one through a scalar', async () => {
    const engine = await ordersEngine();
    const key = { PK: { S: 'o#1' }, SK: { S: 'meta' } };
    await engine.execute('PutItem', { TableName: 'orders', Item: { ...key, s: { S: 'x' }, m: { M: {} } } });
    await engine.execute('UpdateItem', { TableName: 'orders', Key: key, UpdateExpression: 'REMOVE nothing.a, nada[2], m.gone.deeper' });
    expect(await get(engine, key)).toEqual({ ...key, s: { S: 'x' }, m: { M: {} } });
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
    await expect(engine.execute('UpdateItem', { TableName: 'orders', Key: key, UpdateExpression: 'REMOVE s.a' })).rejects.toThrow('The document path provided in the update expression is invalid for update');
  });

  // "If you use SET to add a list element past the end of the list, the element is added at the end"
  // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html#Expressions.UpdateExpressions.SET.AddingListElements).
  it('appends when SET writes a list index past the end', async () => {
    const engine = await ordersEngine();
    const key = { PK: { S: 'o#2' }, SK: { S: 'meta' } };
    await engine.execute('PutItem', { TableName: 'orders', Item: { ...key, l: { L: [{ N: '0' }] } } });
    await engine.execute('UpdateItem', { TableName: 'orders', Key: key, UpdateExpression: 'SET l[10] = :v', ExpressionAttributeValues: { ':v': { N: '10' } } });
    expect((await get(engine, key))?.l).toEqual({ L: [{ N: '0' }, { N: '10' }] });
  });
});

describe('condition answers', () => {
  // contains/begins_with take binary values (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html#Expressions.OperatorsAndFunctions.Functions).
  it('contains and begins_with compare binary values as bytes', async () => {
    const engine = await ordersEngine();
    const key = { PK: { S: 'o#3' }, SK: { S: 'meta' } };
    // Bytes 00 01 02 03 (base64 AAECAw==); 01 02 is AQI=, whose base64 text is not a substring of AAECAw==.
    await engine.execute('PutItem', { TableName: 'orders', Item: { ...key, b: { B: 'AAECAw==' } } });
    const holds = async (expression: string, value: string) =>
      (await engine.execute('Query', { TableName: 'orders', KeyConditionExpression: 'PK = :pk', FilterExpression: expression, ExpressionAttributeValues: { ':pk': key.PK, ':v': { B: value } } })).Count === 1;
    expect(await holds('contains(b, :v)', 'AQI=')).toBe(true);
    expect(await holds('contains(b, :v)', 'AgE=')).toBe(false);
    expect(await holds('begins_with(b, :v)', 'AAE=')).toBe(true);
    expect(await holds('begins_with(b, :v)', 'AQI=')).toBe(false);
  });

  it('reads a key condition with the value on the left (`:v < SK` is `SK > :v`)', async () => {
    const engine = await ordersEngine();
    for (const sk of ['a', 'b', 'c']) await engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'o#4' }, SK: { S: sk } } });
    const sks = async (expression: string, forward = true) =>
      ((await engine.execute('Query', { TableName: 'orders', KeyConditionExpression: expression, ScanIndexForward: forward, ExpressionAttributeValues: { ':pk': { S: 'o#4' }, ':v': { S: 'b' } } })).Items as { SK: { S: string } }[]).map((i) => i.SK.S);
    expect(await sks(':pk = PK AND :v < SK')).toEqual(['c']);
    expect(await sks(':v <= SK AND PK = :pk')).toEqual(['b', 'c']);
    expect(await sks('PK = :pk AND :v > SK', false)).toEqual(['a']);
    expect(await sks('PK = :pk AND :v >= SK')).toEqual(['a', 'b']);
  });

  // dynalite's test/query.js records AWS's texts.
  it('refuses a Query filter over a key attribute of the table or index queried', async () => {
    const engine = await ordersEngine();
    const values = { ':pk': { S: 'o#1' }, ':v': { S: 'x' } };
    await expect(engine.execute('Query', { TableName: 'orders', KeyConditionExpression: 'PK = :pk', FilterExpression: 'SK = :v', ExpressionAttributeValues: values })).rejects.toThrow(
      'Filter Expression can only contain non-primary key attributes: Primary key attribute: SK',
    );
    await expect(engine.execute('Query', { TableName: 'orders', KeyConditionExpression: 'PK = :pk', FilterExpression: 'begins_with(#p, :v)', ExpressionAttributeNames: { '#p': 'PK' }, ExpressionAttributeValues: values })).rejects.toThrow(
      'Primary key attribute: PK',
    );
    await expect(
      engine.execute('Query', { TableName: 'orders', KeyConditions: { PK: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'o#1' }] } }, QueryFilter: { SK: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'x' }] } } }),
    ).rejects.toThrow('QueryFilter can only contain non-primary key attributes: Primary key attribute: SK');
    // On an index, the table's sort key is an ordinary attribute.
    await expect(
      engine.execute('Query', { TableName: 'orders', IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', FilterExpression: 'SK = :v', ExpressionAttributeValues: values }),
    ).resolves.toMatchObject({ Count: 0 });
  });

  // "EQ is supported for all data types, including lists and maps" (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Condition.html).
  it('legacy ScanFilter/QueryFilter EQ and NE compare lists, maps and booleans', async () => {
    const engine = await ordersEngine();
    const item = { PK: { S: 'o#5' }, SK: { S: 'meta' }, l: { L: [{ N: '1' }, { S: 'x' }] }, m: { M: { a: { BOOL: true } } }, t: { BOOL: true }, z: { NULL: true } };
    await engine.execute('PutItem', { TableName: 'orders', Item: item });
    const count = async (filter: Record<string, unknown>) => (await engine.execute('Scan', { TableName: 'orders', ScanFilter: filter })).Count;
    expect(await count({ l: { ComparisonOperator: 'EQ', AttributeValueList: [item.l] } })).toBe(1);
    expect(await count({ m: { ComparisonOperator: 'EQ', AttributeValueList: [item.m] } })).toBe(1);
    expect(await count({ t: { ComparisonOperator: 'EQ', AttributeValueList: [{ BOOL: true }] } })).toBe(1);
    expect(await count({ z: { ComparisonOperator: 'EQ', AttributeValueList: [{ NULL: true }] } })).toBe(1);
    expect(await count({ t: { ComparisonOperator: 'NE', AttributeValueList: [{ BOOL: false }] } })).toBe(1);
    expect(await count({ l: { ComparisonOperator: 'NE', AttributeValueList: [item.l] } })).toBe(0);
    const query = await engine.execute('Query', {
      TableName: 'orders',
      KeyConditions: { PK: { ComparisonOperator: 'EQ', AttributeValueList: [item.PK] } },
      QueryFilter: { m: { ComparisonOperator: 'EQ', AttributeValueList: [{ M: { a: { BOOL: false } } }] } },
    });
    expect(query.Count).toBe(0);
  });

  it('refuses ConditionalOperator without conditions, and an empty Expected (see local-runtime/README.md for the texts)', async () => {
    const engine = await ordersEngine();
    await expect(engine.execute('Scan', { TableName: 'orders', ConditionalOperator: 'OR' })).rejects.toThrow('ConditionalOperator cannot be used without Filter or Expected');
    await expect(engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'a' }, SK: { S: 'b' } }, ConditionalOperator: 'AND' })).rejects.toThrow('ConditionalOperator cannot be used without Filter or Expected');
    await expect(engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'a' }, SK: { S: 'b' } }, Expected: {} })).rejects.toThrow('One or more parameter values were invalid: Expected must not be empty');
    expect(await get(engine, { PK: { S: 'a' }, SK: { S: 'b' } })).toBeUndefined();
  });
});
