import { describe, expect, it } from 'vitest';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { HttpRequest } from '@smithy/protocol-http';
import { ordersEngine } from '../engine/testing/ordersEngine';
import { createInProcessRequestHandler } from './createInProcessRequestHandler';
import { inProcessClientConfig } from './inProcessClientConfig';

// Most write replies are `{}`; the in-process handler hands the SDK one `{}` buffer for all of them instead of a
// new buffer per reply. These tests pin what that must never change: every reply still reads `{}`, even after
// someone wrote into an earlier reply's body.

const put = (sk: string) =>
  new HttpRequest({
    method: 'POST',
    hostname: 'in-process.tidepool',
    path: '/',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.PutItem' },
    body: JSON.stringify({ TableName: 'orders', Item: { PK: { S: 'p' }, SK: { S: sk } } }),
  });

const text = (body: unknown): string => Buffer.from(body as Uint8Array).toString('utf8');

describe('in-process request handler: shared `{}` reply body', () => {
  it('gives every `{}` reply the right bytes, length and checksum', async () => {
    const handler = createInProcessRequestHandler(await ordersEngine());
    for (const sk of ['a', 'b', 'c']) {
      const { response } = await handler.handle(put(sk));
      expect(response.statusCode).toBe(200);
      expect(text(response.body)).toBe('{}');
      expect(response.headers['content-length']).toBe('2');
      expect(response.headers['x-amz-crc32']).toBe('2745614147');
    }
  });

  it('makes a fresh body when an earlier reply body was written into', async () => {
    const handler = createInProcessRequestHandler(await ordersEngine());
    const first = (await handler.handle(put('a'))).response.body as Uint8Array;
    first[0] = 0x5b;
    first[1] = 0x5d;
    const second = (await handler.handle(put('b'))).response.body as Uint8Array;
    expect(text(second)).toBe('{}');
    expect(second).not.toBe(first);
  });

  it('serves SDK clients reply after reply (the SDK re-types the body it reads)', async () => {
    const engine = await ordersEngine();
    const client = new DynamoDBClient(inProcessClientConfig(engine));
    for (let i = 0; i < 3; i++) {
      const out = await client.send(new PutItemCommand({ TableName: 'orders', Item: { PK: { S: 'p' }, SK: { S: String(i) } } }));
      expect(out.$metadata.httpStatusCode).toBe(200);
      expect(out.Attributes).toBeUndefined();
    }
    expect((await engine.execute('Scan', { TableName: 'orders', Select: 'COUNT' }))['Count']).toBe(3);
    client.destroy();
  });
});
