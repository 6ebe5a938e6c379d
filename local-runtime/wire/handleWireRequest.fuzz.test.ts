import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import { Engine } from '../engine/Engine';
import { handleWireRequest } from './handleWireRequest';
import type { WireResponse } from './WireTypes';

const text = (reply: WireResponse): string => (typeof reply.body === 'string' ? reply.body : Buffer.from(reply.body).toString('utf8'));

async function engineWithItem(): Promise<Engine> {
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock() });
  await engine.execute('CreateTable', {
    TableName: 'fuzz',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  });
  await engine.execute('PutItem', { TableName: 'fuzz', Item: { id: { S: 'keep' }, n: { N: '1' } } });
  return engine;
}

const WRITES = ['PutItem', 'UpdateItem', 'DeleteItem', 'CreateTable', 'DeleteTable', 'BatchWriteItem', 'TransactWriteItems'];

/** JSON values shaped a little like requests, with wrong types in attribute-value positions. */
const attributeValue = fc.oneof(
  fc.record({ S: fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.object()) }, { requiredKeys: [] }),
  fc.record({ N: fc.oneof(fc.string(), fc.double(), fc.array(fc.string())) }, { requiredKeys: [] }),
  fc.record({ B: fc.oneof(fc.string(), fc.base64String(), fc.integer()) }, { requiredKeys: [] }),
  fc.record({ L: fc.oneof(fc.string(), fc.array(fc.jsonValue(), { maxLength: 3 })) }, { requiredKeys: [] }),
  fc.jsonValue(),
);
const malformedRequest = fc.record(
  {
    TableName: fc.oneof(fc.constant('fuzz'), fc.string(), fc.integer()),
    Item: fc.oneof(fc.dictionary(fc.constantFrom('id', 'n', 'x'), attributeValue, { maxKeys: 3 }), fc.jsonValue()),
    Key: fc.oneof(fc.dictionary(fc.constantFrom('id', 'x'), attributeValue, { maxKeys: 2 }), fc.jsonValue()),
    UpdateExpression: fc.string(),
    ConditionExpression: fc.string(),
  },
  { requiredKeys: [] },
);

// Malformed input gets a protocol error and changes nothing:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
describe('handleWireRequest fuzz', () => {
  it('answers arbitrary bytes with a JSON error and never throws', async () => {
    const engine = await engineWithItem();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...engine.operationNames(), 'Nope'), fc.uint8Array({ maxLength: 200 }), async (operation, body) => {
        const reply = await handleWireRequest(engine, { headers: { 'x-amz-target': `DynamoDB_20120810.${operation}` }, body });
        expect([200, 400]).toContain(reply.statusCode);
        if (reply.statusCode === 400) expect(JSON.parse(text(reply))).toHaveProperty('__type');
      }),
      { numRuns: 200 },
    );
  });

  it('a rejected write leaves the table as it was', async () => {
    let engine = await engineWithItem();
    const snapshot = async () => JSON.stringify([engine.tableNames(), await engine.execute('Scan', { TableName: 'fuzz' })]);
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITES), malformedRequest, async (operation, input) => {
        const reply = await handleWireRequest(engine, { headers: { 'x-amz-target': `DynamoDB_20120810.${operation}` }, body: JSON.stringify(input) });
        expect(reply.statusCode).not.toBe(500);
        if (reply.statusCode === 200) engine = await engineWithItem(); // a request that happened to be valid: start again
        else expect(await snapshot()).toBe(before);
      }),
      { numRuns: 300 },
    );
  });
});
