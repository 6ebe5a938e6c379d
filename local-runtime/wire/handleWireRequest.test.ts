import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import { Engine } from '../engine/Engine';
import { handleWireRequest } from './handleWireRequest';
import { startWireServer } from './startWireServer';

const engine = (): Engine => new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock() });
const target = (operation: string): Record<string, string> => ({ 'X-Amz-Target': `DynamoDB_20120810.${operation}`, 'Content-Type': 'application/x-amz-json-1.0' });

// Protocol: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.LowLevelAPI.html
describe('handleWireRequest', () => {
  it('answers an operation with JSON, a request id and the CRC32 of the body', async () => {
    const reply = await handleWireRequest(engine(), { headers: target('ListTables'), body: '{}' });
    expect(reply.statusCode).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ TableNames: [] });
    expect(reply.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(reply.headers['x-amzn-requestid']).toMatch(/^[A-Z0-9]{52}$/);
    expect(reply.headers['x-amz-crc32']).toBe(String(crc32(reply.body)));
  });

  it('rejects malformed JSON with SerializationException', async () => {
    const reply = await handleWireRequest(engine(), { headers: target('ListTables'), body: '{"TableName":' });
    expect(reply.statusCode).toBe(400);
    expect(JSON.parse(reply.body).__type).toBe('com.amazon.coral.service#SerializationException');
  });

  it('rejects an unknown target with UnknownOperationException', async () => {
    const reply = await handleWireRequest(engine(), { headers: target('FlyToTheMoon'), body: '{}' });
    expect(reply.statusCode).toBe(400);
    expect(JSON.parse(reply.body).__type).toBe('com.amazon.coral.service#UnknownOperationException');
  });

  it('serialises engine errors with the DynamoDB namespace and extra fields', async () => {
    const e = engine();
    await e.execute('CreateTable', {
      TableName: 'things',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    });
    await e.execute('PutItem', { TableName: 'things', Item: { id: { S: '1' }, v: { N: '1' } } });
    const body = JSON.stringify({
      TableName: 'things',
      Item: { id: { S: '1' } },
      ConditionExpression: 'attribute_not_exists(id)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    const reply = await handleWireRequest(e, { headers: target('PutItem'), body });
    expect(JSON.parse(reply.body)).toEqual({
      __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
      message: 'The conditional request failed',
      Item: { id: { S: '1' }, v: { N: '1' } },
    });
  });

  it('validation errors use the coral validate namespace', async () => {
    const reply = await handleWireRequest(engine(), { headers: target('DescribeTable'), body: '{}' });
    expect(JSON.parse(reply.body)).toEqual({
      __type: 'com.amazon.coral.validate#ValidationException',
      message: "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null",
    });
  });
});

describe('startWireServer', () => {
  it('answers GET / as a health check', async () => {
    const server = await startWireServer(engine(), { host: '127.0.0.1', port: 0 });
    try {
      const response = await fetch(`${server.url}/`);
      expect(response.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
