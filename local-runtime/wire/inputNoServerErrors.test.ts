import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import { Engine } from '../engine/Engine';
import { handleWireRequest } from './handleWireRequest';
import type { WireResponse } from './WireTypes';

/**
 * Inputs that once answered 500 with JavaScript error text: attribute values nested thousands of levels deep
 * (a stack overflow) and `null` inside the lists and structures of CreateTable/UpdateTable. DynamoDB answers
 * both with a 400 and changes nothing.
 */
async function engineWithTable(): Promise<Engine> {
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock() });
  await engine.execute('CreateTable', {
    TableName: 'things',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  });
  return engine;
}

async function send(engine: Engine, operation: string, body: string): Promise<{ status: number; type: string; message: string }> {
  const reply: WireResponse = await handleWireRequest(engine, {
    headers: { 'x-amz-target': `DynamoDB_20120810.${operation}`, 'content-type': 'application/x-amz-json-1.0' },
    body: Buffer.from(body),
    headerNamesLowerCase: true,
  });
  const parsed = JSON.parse(typeof reply.body === 'string' ? reply.body : Buffer.from(reply.body).toString('utf8')) as { __type?: string; message?: string };
  return { status: reply.statusCode, type: (parsed.__type ?? '').replace(/^.*#/, ''), message: parsed.message ?? '' };
}

const nested = (levels: number, wrap: (inner: string) => string): string => {
  let value = '{"S":"x"}';
  for (let i = 0; i < levels; i++) value = wrap(value);
  return value;
};
const inList = (inner: string): string => `{"L":[${inner}]}`;
const inMap = (inner: string): string => `{"M":{"a":${inner}}}`;

// Documents nest at most 32 levels: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-attributes
describe('attribute values nested past the limit', () => {
  it.each([
    ['lists', inList],
    ['maps', inMap],
  ])('answers ValidationException for %s nested 5,000 levels deep, in every position, and stores nothing', async (_kind, wrap) => {
    const engine = await engineWithTable();
    const deep = nested(5000, wrap);
    const requests: [string, string][] = [
      ['PutItem', `{"TableName":"things","Item":{"id":{"S":"a"},"deep":${deep}}}`],
      ['UpdateItem', `{"TableName":"things","Key":{"id":{"S":"a"}},"UpdateExpression":"SET d = :v","ExpressionAttributeValues":{":v":${deep}}}`],
      ['BatchWriteItem', `{"RequestItems":{"things":[{"PutRequest":{"Item":{"id":{"S":"a"},"deep":${deep}}}}]}}`],
      ['TransactWriteItems', `{"TransactItems":[{"Put":{"TableName":"things","Item":{"id":{"S":"a"},"deep":${deep}}}}]}`],
      ['Query', `{"TableName":"things","KeyConditionExpression":"id = :v","ExpressionAttributeValues":{":v":${deep}}}`],
    ];
    for (const [operation, body] of requests) {
      expect(await send(engine, operation, body), operation).toEqual({
        status: 400,
        type: 'ValidationException',
        message: 'One or more parameter values were invalid: Nesting Levels have exceeded supported limits',
      });
    }
    expect(await engine.execute('Scan', { TableName: 'things' })).toMatchObject({ Count: 0 });
  });

  it('accepts 32 levels and refuses 33', async () => {
    const engine = await engineWithTable();
    expect((await send(engine, 'PutItem', `{"TableName":"things","Item":{"id":{"S":"a"},"deep":${nested(32, inList)}}}`)).status).toBe(200);
    expect(await send(engine, 'PutItem', `{"TableName":"things","Item":{"id":{"S":"b"},"deep":${nested(33, inMap)}}}`)).toMatchObject({ status: 400, type: 'ValidationException' });
  });
});

describe('null inside control-plane requests', () => {
  const table = (extra: string) =>
    `{"TableName":"made","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]${extra}}`;

  it.each([
    ['KeySchema', '{"TableName":"made","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"KeySchema":[null]}'],
    ['AttributeDefinitions', '{"TableName":"made","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[null],"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]}'],
    ['GlobalSecondaryIndexes', table(',"GlobalSecondaryIndexes":[null]')],
    ['a GSI KeySchema', table(',"GlobalSecondaryIndexes":[{"IndexName":"byX","KeySchema":[null],"Projection":{"ProjectionType":"ALL"}}]')],
    ['LocalSecondaryIndexes', table(',"LocalSecondaryIndexes":[null]')],
  ])('CreateTable with null in %s answers a ValidationException and creates nothing', async (_where, body) => {
    const engine = await engineWithTable();
    expect(await send(engine, 'CreateTable', body)).toMatchObject({ status: 400, type: 'ValidationException' });
    expect(engine.tableNames()).toEqual(['things']);
  });

  it.each([
    ['a GlobalSecondaryIndexUpdates element', '[null]'],
    ['a Delete action', '[{"Delete":null}]'],
    ['a Create action', '[{"Create":null}]'],
    ['a Create KeySchema', '[{"Create":{"IndexName":"byX","KeySchema":[null],"Projection":{"ProjectionType":"ALL"}}}]'],
  ])('UpdateTable with null as %s answers a ValidationException and changes nothing', async (_where, updates) => {
    const engine = await engineWithTable();
    const before = await engine.execute('DescribeTable', { TableName: 'things' });
    expect(await send(engine, 'UpdateTable', `{"TableName":"things","GlobalSecondaryIndexUpdates":${updates}}`)).toMatchObject({ status: 400, type: 'ValidationException' });
    expect(await engine.execute('DescribeTable', { TableName: 'things' })).toEqual(before);
  });

  it('never answers 500 for CreateTable/UpdateTable requests with null, empty or wrong-typed members anywhere', async () => {
    const engine = await engineWithTable();
    const junk = fc.oneof(fc.constant(null), fc.constant({}), fc.constant([]), fc.constant([null]), fc.integer(), fc.string({ maxLength: 4 }));
    const member = (valid: unknown) => fc.oneof(fc.constant(valid), junk);
    const keySchema = fc.array(member({ AttributeName: member('id'), KeyType: member('HASH') }), { maxLength: 3 });
    const index = member({ IndexName: member('byId'), KeySchema: member(keySchema), Projection: member({ ProjectionType: member('ALL'), NonKeyAttributes: member([member('x')]) }) });
    const request = fc.record(
      {
        TableName: member('fresh'),
        BillingMode: member('PAY_PER_REQUEST'),
        AttributeDefinitions: member([member({ AttributeName: member('id'), AttributeType: member('S') })]),
        KeySchema: member(keySchema),
        GlobalSecondaryIndexes: member([index]),
        LocalSecondaryIndexes: member([index]),
        GlobalSecondaryIndexUpdates: member([member({ Create: index, Delete: member({ IndexName: member('byId') }), Update: member({ IndexName: member('byId') }) })]),
        ProvisionedThroughput: member({ ReadCapacityUnits: member(1), WriteCapacityUnits: member(1) }),
        StreamSpecification: member({ StreamEnabled: member(true), StreamViewType: member('KEYS_ONLY') }),
        Tags: member([member({ Key: member('k'), Value: member('v') })]),
        SSESpecification: member({ Enabled: member(true) }),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('CreateTable', 'UpdateTable'), request, async (operation, input) => {
        const body = JSON.stringify(operation === 'UpdateTable' ? { ...input, TableName: 'things' } : input);
        const reply = await send(engine, operation, body);
        expect(reply.status, `${operation} ${body}: ${reply.message}`).toBeLessThan(500);
        if (operation === 'CreateTable' && reply.status === 200) await engine.execute('DeleteTable', { TableName: 'fresh' });
      }),
      { numRuns: 400, seed: 20261204 },
    );
  });
});
