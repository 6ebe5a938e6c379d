import { crc32, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import { Engine } from '../engine/Engine';
import { answerWireRequest, handleWireRequest } from './handleWireRequest';
import { startWireServer } from './startWireServer';
import type { WireResponse } from './WireTypes';

const engine = (): Engine => new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock() });
const target = (operation: string, extra: Record<string, string> = {}): Record<string, string> => ({
  'X-Amz-Target': `DynamoDB_20120810.${operation}`,
  'Content-Type': 'application/x-amz-json-1.0',
  ...extra,
});
const text = (reply: WireResponse): string => (typeof reply.body === 'string' ? reply.body : Buffer.from(reply.body).toString('utf8'));
const json = (reply: WireResponse): Record<string, unknown> => JSON.parse(text(reply)) as Record<string, unknown>;

async function withTable(): Promise<Engine> {
  const e = engine();
  await e.execute('CreateTable', {
    TableName: 'things',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  });
  return e;
}

// Protocol: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.LowLevelAPI.html
describe('handleWireRequest', () => {
  it('answers an operation with JSON, a request id and the CRC32 of the body', async () => {
    const reply = await handleWireRequest(engine(), { headers: target('ListTables'), body: '{}' });
    expect(reply.statusCode).toBe(200);
    expect(json(reply)).toEqual({ TableNames: [] });
    expect(reply.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(reply.headers['x-amzn-requestid']).toMatch(/^[A-Z0-9]{52}$/);
    expect(reply.headers['x-amz-crc32']).toBe(String(crc32(reply.body)));
    expect(reply.headers['content-encoding']).toBeUndefined();
  });

  it('gives `{}`, the reply of most writes, the CRC32 of its bytes, plain and gzipped', async () => {
    const e = await withTable();
    const put = JSON.stringify({ TableName: 'things', Item: { id: { S: 'a' } } });
    const plain = await handleWireRequest(e, { headers: target('PutItem'), body: put });
    expect(text(plain)).toBe('{}');
    expect(plain.headers['x-amz-crc32']).toBe(String(crc32(Buffer.from('{}'))));
    const gzipped = await handleWireRequest(e, { headers: target('PutItem', { 'Accept-Encoding': 'gzip' }), body: put });
    expect(gunzipSync(gzipped.body as Uint8Array).toString()).toBe('{}');
    expect(gzipped.headers['x-amz-crc32']).toBe(String(crc32(gzipped.body as Uint8Array)));
  });

  it('accepts a body as bytes (the SDK sends a Uint8Array)', async () => {
    const reply = await handleWireRequest(engine(), { headers: target('ListTables'), body: new TextEncoder().encode('{"Limit":5}') });
    expect(json(reply)).toEqual({ TableNames: [] });
  });

  // Request compression: https://docs.aws.amazon.com/sdkref/latest/guide/feature-compression.html
  it('reads a gzip-compressed request body (Content-Encoding: gzip)', async () => {
    const e = await withTable();
    const body = gzipSync(JSON.stringify({ TableName: 'things', Item: { id: { S: 'z' } } }));
    const reply = await handleWireRequest(e, { headers: target('PutItem', { 'Content-Encoding': 'gzip' }), body });
    expect(reply.statusCode).toBe(200);
    expect((await e.execute('GetItem', { TableName: 'things', Key: { id: { S: 'z' } } })).Item).toEqual({ id: { S: 'z' } });
  });

  it('rejects a body that is not gzip data despite Content-Encoding: gzip as SerializationException', async () => {
    const reply = await handleWireRequest(engine(), { headers: target('ListTables', { 'content-encoding': 'gzip' }), body: '{}' });
    expect(reply.statusCode).toBe(400);
    expect(json(reply).__type).toBe('com.amazon.coral.service#SerializationException');
  });

  // The CRC32 is of the bytes sent, i.e. of the gzipped body:
  // https://pkg.go.dev/github.com/aws/aws-sdk-go-v2/service/dynamodb/internal/customizations
  it('gzips the response when the client accepts gzip, with the CRC32 of the compressed bytes', async () => {
    const reply = await handleWireRequest(engine(), { headers: target('ListTables', { 'Accept-Encoding': 'gzip, deflate' }), body: '{}' });
    expect(reply.headers['content-encoding']).toBe('gzip');
    const bytes = reply.body as Uint8Array;
    expect(reply.headers['x-amz-crc32']).toBe(String(crc32(bytes)));
    expect(reply.headers['content-length']).toBe(String(bytes.byteLength));
    expect(JSON.parse(gunzipSync(bytes).toString('utf8'))).toEqual({ TableNames: [] });
  });

  it('does not gzip when gzip has quality 0', async () => {
    const reply = await handleWireRequest(engine(), { headers: target('ListTables', { 'accept-encoding': 'gzip;q=0, identity' }), body: '{}' });
    expect(reply.headers['content-encoding']).toBeUndefined();
  });

  it('rejects a body over 16 MB with HTTP 413 after decompression', async () => {
    const body = gzipSync(Buffer.alloc(16 * 1024 * 1024 + 10, 0x20));
    const reply = await handleWireRequest(engine(), { headers: target('ListTables', { 'content-encoding': 'gzip' }), body });
    expect(reply.statusCode).toBe(413);
  });

  it('rejects malformed JSON with SerializationException', async () => {
    const reply = await handleWireRequest(engine(), { headers: target('ListTables'), body: '{"TableName":' });
    expect(reply.statusCode).toBe(400);
    expect(json(reply)).toEqual({ __type: 'com.amazon.coral.service#SerializationException' });
  });

  it('rejects an unknown target with UnknownOperationException and no message', async () => {
    for (const headers of [target('FlyToTheMoon'), { 'X-Amz-Target': 'Nope.ListTables' }]) {
      const reply = await handleWireRequest(engine(), { headers, body: '{}' });
      expect(reply.statusCode).toBe(400);
      expect(json(reply)).toEqual({ __type: 'com.amazon.coral.service#UnknownOperationException' });
    }
  });

  it.each([
    [{ id: { S: 5 } }, 'NUMBER_VALUE cannot be converted to String'],
    [{ id: { S: 'a' }, n: { N: 1.5 } }, 'DECIMAL_VALUE cannot be converted to String'],
    [{ id: { S: true } }, 'TRUE_VALUE cannot be converted to String'],
    [{ id: { S: {} } }, 'Start of structure or map found where not expected'],
    [{ id: { S: 'a' }, b: { BOOL: 3 } }, 'NUMBER_VALUE cannot be converted to Boolean'],
    [{ id: { S: 'a' }, b: { B: 'abc' } }, 'Base64 encoded length is expected a multiple of 4 bytes but found: 3'],
    [{ id: { S: 'a' }, l: { L: 'x' } }, 'Unexpected field type'],
    [{ id: { S: 'a' }, l: { L: [1] } }, 'Unexpected value type in payload'],
    [{ id: { S: 'a' }, s: { SS: [1] } }, 'NUMBER_VALUE cannot be converted to String'],
    [{ id: 'a' }, 'Unexpected value type in payload'],
    [{ id: { S: 'a' }, m: { M: { x: { N: 2 } } } }, 'NUMBER_VALUE cannot be converted to String'],
    [{ id: { S: 'a' }, m: { M: [] } }, 'Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>'],
    [{ id: { S: 'a' }, z: { NULL: 'maybe' } }, 'Unexpected token received from parser'],
    [{ id: { S: 'a' }, ns: { NS: [true] } }, 'TRUE_VALUE cannot be converted to String'],
    [{ id: { S: 'a' }, bs: { BS: ['abc'] } }, 'Base64 encoded length is expected a multiple of 4 bytes but found: 3'],
  ])('rejects a wrongly shaped attribute value %j as SerializationException', async (item, message) => {
    const e = await withTable();
    const reply = await handleWireRequest(e, { headers: target('PutItem'), body: JSON.stringify({ TableName: 'things', Item: item }) });
    expect(reply.statusCode).toBe(400);
    expect(json(reply)).toEqual({ __type: 'com.amazon.coral.service#SerializationException', Message: message });
    expect((await e.execute('Scan', { TableName: 'things' })).Count).toBe(0);
  });

  it('rejects an Item that is a list rather than a map', async () => {
    const reply = await handleWireRequest(await withTable(), { headers: target('PutItem'), body: '{"TableName":"things","Item":[]}' });
    expect(json(reply).Message).toBe('Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>');
  });

  it('treats members named like Object.prototype properties as unknown members (a 400, not a 500)', async () => {
    const e = await withTable();
    for (const member of ['__proto__', 'toString', 'constructor']) {
      const reply = await handleWireRequest(e, { headers: target('PutItem'), body: `{"TableName":"things","Item":{"id":{"S":"a"},"x":{"${member}":"1"}}}` });
      expect(reply.statusCode).toBe(400);
      expect(json(reply).message).toBe('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
    }
    expect(await e.execute('Scan', { TableName: 'things', Select: 'COUNT' })).toMatchObject({ Count: 0 });
  });

  it('serialises engine errors with the DynamoDB namespace and extra fields', async () => {
    const e = await withTable();
    await e.execute('PutItem', { TableName: 'things', Item: { id: { S: '1' }, v: { N: '1' } } });
    const body = JSON.stringify({
      TableName: 'things',
      Item: { id: { S: '1' } },
      ConditionExpression: 'attribute_not_exists(id)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    const reply = await handleWireRequest(e, { headers: target('PutItem'), body });
    expect(json(reply)).toEqual({
      __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
      message: 'The conditional request failed',
      Item: { id: { S: '1' }, v: { N: '1' } },
    });
  });

  it('validation errors use the coral validate namespace', async () => {
    const reply = await handleWireRequest(engine(), { headers: target('DescribeTable'), body: '{}' });
    expect(json(reply)).toEqual({
      __type: 'com.amazon.coral.validate#ValidationException',
      message: "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null",
    });
  });
});

// ClientRequestToken: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html#DDB-TransactWriteItems-request-ClientRequestToken
describe('TransactWriteItems through the wire', () => {
  const transact = (token: string, id: string): string =>
    JSON.stringify({ ClientRequestToken: token, TransactItems: [{ Put: { TableName: 'things', Item: { id: { S: id } } } }] });
  const count = async (e: Engine): Promise<unknown> => (await e.execute('Scan', { TableName: 'things', Select: 'COUNT' })).Count;

  it('answers a repeated request (same token, same body) without writing again', async () => {
    const e = await withTable();
    expect((await handleWireRequest(e, { headers: target('TransactWriteItems'), body: transact('t-1', 'a') })).statusCode).toBe(200);
    await e.execute('DeleteItem', { TableName: 'things', Key: { id: { S: 'a' } } });
    const again = await handleWireRequest(e, { headers: target('TransactWriteItems'), body: transact('t-1', 'a') });
    expect(again.statusCode).toBe(200);
    expect(json(again)).toEqual({});
    expect(await count(e)).toBe(0);
  });

  it('refuses the same token with other parameters (IdempotentParameterMismatchException), writing nothing', async () => {
    const e = await withTable();
    await handleWireRequest(e, { headers: target('TransactWriteItems'), body: transact('t-2', 'a') });
    const other = await handleWireRequest(e, { headers: target('TransactWriteItems'), body: transact('t-2', 'b') });
    expect(other.statusCode).toBe(400);
    expect(json(other).__type).toBe('com.amazonaws.dynamodb.v20120810#IdempotentParameterMismatchException');
    expect(await count(e)).toBe(1);
  });

  it('recognises a repeat sent by the wire of a request first made through engine.execute (same JSON text)', async () => {
    const e = await withTable();
    await e.execute('TransactWriteItems', JSON.parse(transact('t-3', 'a')));
    await e.execute('DeleteItem', { TableName: 'things', Key: { id: { S: 'a' } } });
    expect((await handleWireRequest(e, { headers: target('TransactWriteItems'), body: transact('t-3', 'a') })).statusCode).toBe(200);
    expect(await count(e)).toBe(0);
  });
});

describe('answerWireRequest', () => {
  it('answers the in-memory engine at once, without a promise', async () => {
    const reply = answerWireRequest(await withTable(), { headers: target('GetItem'), body: JSON.stringify({ TableName: 'things', Key: { id: { S: 'x' } } }) });
    expect(reply).not.toBeInstanceOf(Promise);
    expect(json(reply as WireResponse)).toEqual({});
  });
});

describe('startWireServer', () => {
  it('answers GET / as a health check', async () => {
    const server = await startWireServer(engine(), { host: '127.0.0.1', port: 0 });
    try {
      const response = await fetch(`${server.url}/`);
      expect(response.status).toBe(200);
      expect(await response.text()).toMatch(/^healthy: /);
    } finally {
      await server.close();
    }
  });

  it('answers gzip over HTTP: compressed bytes on the wire, CRC32 over them', async () => {
    const server = await startWireServer(engine(), { host: '127.0.0.1', port: 0 });
    try {
      const { request } = await import('node:http');
      const raw = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        const req = request(`${server.url}/`, { method: 'POST', headers: { ...target('ListTables'), 'accept-encoding': 'gzip', 'content-encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
        req.end(gzipSync('{}'));
      });
      expect(raw.headers['content-encoding']).toBe('gzip');
      expect(raw.headers['x-amz-crc32']).toBe(String(crc32(raw.body)));
      expect(JSON.parse(gunzipSync(raw.body).toString())).toEqual({ TableNames: [] });
    } finally {
      await server.close();
    }
  });
});
