import { request } from 'node:http';
import { deflateSync, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import { Engine } from '../engine/Engine';
import { negotiateCoding } from './contentCoding';
import { startWireServer, type WireServer } from './startWireServer';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function send(url: string, method: string, headers: Record<string, string>, body?: Buffer | string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const json = { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' };

// Facts from dynalite's connection tests, written against DynamoDB's endpoint
// (https://github.com/architect/dynalite/blob/main/test/connection.js).
describe('the DynamoDB endpoint outside the protocol', () => {
  let server: WireServer;
  beforeAll(async () => {
    server = await startWireServer(new Engine({ region: 'eu-west-2', accountId: '000000000000', clock: new VirtualClock() }), { host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers GET as its health check, naming the regional host', async () => {
    const answer = await send(server.url, 'GET', {});
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe('healthy: dynamodb.eu-west-2.amazonaws.com ');
    expect(answer.headers['content-length']).toBe(String(answer.body.length));
    expect(answer.headers['x-amz-crc32']).toMatch(/^[0-9]+$/);
    expect(answer.headers['x-amzn-requestid']).toMatch(/^[0-9A-Z]{52}$/);
  });

  it.each([
    ['PUT', {}],
    ['DELETE', {}],
    ['OPTIONS without an Origin', {}],
    ['POST without a Content-Type', { 'x-amz-target': 'DynamoDB_20120810.ListTables' }],
    ['POST as text/plain', { 'content-type': 'text/plain', 'x-amz-target': 'DynamoDB_20120810.ListTables' }],
    ['POST as application/x-amz-json-1.1', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'DynamoDB_20120810.ListTables' }],
  ])('answers %s with 404 <UnknownOperationException/>', async (label, headers) => {
    const method = label.split(' ')[0] as string;
    const answer = await send(server.url, method, headers, method === 'POST' ? '{}' : undefined);
    expect(answer.status).toBe(404);
    expect(answer.body.toString()).toBe('<UnknownOperationException/>\n');
    expect(answer.headers['x-amz-crc32']).toBe('3552371480');
    expect(answer.headers['content-length']).toBe('29');
  });

  it('answers a CORS preflight: any origin, the requested headers and method, cached 48 hours, no body', async () => {
    const answer = await send(server.url, 'OPTIONS', { origin: 'http://localhost:5173', 'access-control-request-headers': 'a, b, c', 'access-control-request-method': 'POST' });
    expect(answer.status).toBe(200);
    expect(answer.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'a, b, c',
      'access-control-allow-methods': 'POST',
      'access-control-max-age': '172800',
      'content-length': '0',
    });
    expect(answer.body.length).toBe(0);
  });

  it('allows any origin on protocol answers to a browser, errors included', async () => {
    const ok = await send(server.url, 'POST', { ...json, origin: 'http://localhost:5173' }, '{}');
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe('*');
    const unknown = await send(server.url, 'POST', { 'content-type': 'application/json', origin: 'x' }, '{}');
    expect(unknown.status).toBe(400);
    expect(unknown.headers['access-control-allow-origin']).toBe('*');
    expect(JSON.parse(unknown.body.toString())).toEqual({ __type: 'com.amazon.coral.service#UnknownOperationException' });
  });

  it('answers in the JSON type the request came in', async () => {
    const plain = await send(server.url, 'POST', { ...json, 'content-type': 'application/json' }, '{}');
    expect(plain.headers['content-type']).toBe('application/json');
    const amz = await send(server.url, 'POST', json, '{}');
    expect(amz.headers['content-type']).toBe('application/x-amz-json-1.0');
  });

  // Content codings: https://www.rfc-editor.org/rfc/rfc9110#section-8.4.1 (deflate is the zlib format).
  it('reads deflate request bodies and answers in deflate when asked, with the CRC32 of the bytes sent', async () => {
    const body = deflateSync(JSON.stringify({ Limit: 5 }));
    const answer = await send(server.url, 'POST', { ...json, 'content-encoding': 'deflate', 'accept-encoding': 'deflate' }, body);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('deflate');
    expect(JSON.parse(inflateSync(answer.body).toString())).toEqual({ TableNames: [] });
  });
});

describe('Accept-Encoding negotiation (https://www.rfc-editor.org/rfc/rfc9110#section-12.5.3)', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['identity', undefined],
    ['gzip', 'gzip'],
    ['deflate', 'deflate'],
    ['gzip, deflate', 'gzip'],
    ['deflate, gzip', 'gzip'],
    ['gzip;q=0.5, deflate', 'deflate'],
    ['gzip;q=0, identity', undefined],
    ['GZIP;Q=0.8', 'gzip'],
    ['*', 'gzip'],
    ['*;q=0.1, gzip;q=0', 'deflate'],
    ['br, zstd', undefined],
    ['gzip;q=0, deflate;q=0', undefined],
    ['identity;q=1, deflate;q=0.2', 'deflate'],
  ])('%s → %s', (header, coding) => {
    expect(negotiateCoding(header)).toBe(coding);
  });
});
