import { crc32 } from 'node:zlib';
import { requestId } from './handleWireRequest';

/** A reply the HTTP endpoint gives before (or instead of) the DynamoDB protocol. */
export interface FrontDoorReply {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** The body types DynamoDB's endpoint takes a request in (dynalite's tests against DynamoDB: anything else is a 404). */
const JSON_TYPES = new Set(['application/json', 'application/x-amz-json-1.0']);

/** How long browsers may cache a preflight answer, as DynamoDB says (48 hours). */
const PREFLIGHT_MAX_AGE = '172800';

const NOT_FOUND = '<UnknownOperationException/>\n';

function reply(statusCode: number, body: string, headers: Record<string, string> = {}): FrontDoorReply {
  return {
    statusCode,
    headers: { ...headers, 'x-amzn-requestid': requestId(), 'x-amz-crc32': String(crc32(body)), 'content-length': String(Buffer.byteLength(body)) },
    body,
  };
}

/** `Access-Control-Allow-Origin: *` on every answer to a request with an `Origin` (a browser's), as DynamoDB sends it. */
export function corsHeaders(headers: Record<string, string | undefined>): Record<string, string> | undefined {
  return headers.origin === undefined ? undefined : { 'access-control-allow-origin': '*' };
}

/**
 * What DynamoDB's endpoint answers without reading a request body, per dynalite's connection tests (written against
 * DynamoDB): `GET` is the health check `healthy: dynamodb.<region>.amazonaws.com `; `OPTIONS` with an `Origin` is a
 * CORS preflight (200, empty, allowing any origin and echoing the requested headers and method, cached 48 hours);
 * any other method, `OPTIONS` without an `Origin`, and a `POST` whose Content-Type is not JSON are
 * `404 <UnknownOperationException/>`. Undefined for a request the DynamoDB protocol should answer.
 */
export function frontDoorReply(region: string, method: string, headers: Record<string, string | undefined>): FrontDoorReply | undefined {
  // What every SDK sends: one lookup on the path each DynamoDB call takes.
  if (method === 'POST' && JSON_TYPES.has(headers['content-type'] as string)) return undefined;
  const cors = corsHeaders(headers) ?? {};
  if (method === 'GET') return reply(200, `healthy: dynamodb.${region}.amazonaws.com `, { 'content-type': 'text/plain', ...cors });
  if (method === 'OPTIONS' && headers.origin !== undefined) {
    const allow: Record<string, string> = { ...cors, 'access-control-max-age': PREFLIGHT_MAX_AGE };
    const requestedHeaders = headers['access-control-request-headers'];
    const requestedMethod = headers['access-control-request-method'];
    if (requestedHeaders !== undefined) allow['access-control-allow-headers'] = requestedHeaders;
    if (requestedMethod !== undefined) allow['access-control-allow-methods'] = requestedMethod;
    return reply(200, '', allow);
  }
  const type = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (method !== 'POST' || !JSON_TYPES.has(type)) return reply(404, NOT_FOUND, cors);
  return undefined;
}
