import { describe, expect, it } from 'vitest';
import { ordersEngine } from '../testing/ordersEngine';
import { rejection } from '../testing/rejection';

const key = { PK: { S: 'o#1' }, SK: { S: 'a' } };

// Malformed members are refused by AWS's deserializer with a SerializationException before any validation; the wording
// is dynalite's (test/helpers.js assertType, recorded from DynamoDB). A validation error inside one action that comes
// from the data is a TransactionCanceledException with a ValidationError reason in that action's place
// (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html, "Errors").
describe('TransactWriteItems / TransactGetItems member shapes', () => {
  it.each<[string, unknown, string]>([
    ['TransactItems as a map', {}, 'Start of structure or map found where not expected'],
    ['TransactItems as a string', 'x', 'Unexpected field type'],
    ['an entry that is a string', ['x'], 'Unexpected value type in payload'],
    ['an entry that is a list', [[]], 'Unrecognized collection type class com.amazonaws.dynamodb.v20120810.TransactWriteItem'],
    ['a Put that is a number', [{ Put: 5 }], 'Unexpected field type'],
    ['a Delete that is a list', [{ Delete: [] }], 'Unrecognized collection type class com.amazonaws.dynamodb.v20120810.Delete'],
    ['a TableName that is a number', [{ Put: { TableName: 5, Item: key } }], 'NUMBER_VALUE cannot be converted to String'],
    ['an Item that is a list', [{ Put: { TableName: 'orders', Item: [] } }], 'Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>'],
    ['ExpressionAttributeNames as a string', [{ ConditionCheck: { TableName: 'orders', Key: key, ConditionExpression: 'attribute_exists(#a)', ExpressionAttributeNames: 'x' } }], 'Unexpected field type'],
  ])('TransactWriteItems: %s is a SerializationException', async (_what, items, message) => {
    const engine = await ordersEngine();
    const error = await rejection(engine.execute('TransactWriteItems', { TransactItems: items }));
    expect(error.type).toBe('SerializationException');
    expect(error.message).toBe(message);
  });

  it('TransactGetItems: an entry that is a list names TransactGetItem', async () => {
    const engine = await ordersEngine();
    const error = await rejection(engine.execute('TransactGetItems', { TransactItems: [[]] }));
    expect(error).toMatchObject({ type: 'SerializationException', message: 'Unrecognized collection type class com.amazonaws.dynamodb.v20120810.TransactGetItem' });
  });

  it('an update that fails on the data cancels the transaction with a ValidationError reason in its place', async () => {
    const engine = await ordersEngine();
    await engine.execute('PutItem', { TableName: 'orders', Item: { ...key, n: { S: 'text' } } });
    const error = await rejection(
      engine.execute('TransactWriteItems', {
        TransactItems: [
          { ConditionCheck: { TableName: 'orders', Key: { PK: { S: 'o#2' }, SK: { S: 'a' } }, ConditionExpression: 'attribute_not_exists(PK)' } },
          { Update: { TableName: 'orders', Key: key, UpdateExpression: 'SET n = n + :one', ExpressionAttributeValues: { ':one': { N: '1' } } } },
        ],
      }),
    );
    expect(error.type).toBe('TransactionCanceledException');
    const reasons = error.extra.CancellationReasons as { Code: string; Message?: string }[];
    expect(reasons.map((r) => r.Code)).toEqual(['None', 'ValidationError']);
    expect(reasons[1]?.Message).toBe('An operand in the update expression has an incorrect data type');
  });
});
