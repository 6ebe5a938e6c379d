import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { DynamoDbError } from '../engine/errors';
import { checkAttributeValueShapes } from './checkAttributeValueShapes';
import { decodeRequestBody } from './decodeRequestBody';
import { encodeCoding, negotiateCoding } from './contentCoding';
import { executeStreams, STREAMS_TARGET_PREFIX } from './streams/streamsOperations';
import { wireErrorType } from './errorType';
import { resultJson } from './resultJson';
import type { Engine } from '../engine/Engine';
import type { WireRequest, WireResponse } from './WireTypes';

const TARGET_PREFIX = 'DynamoDB_20120810.';

/**
 * The request's headers with lower-case names: the object itself when its names already are (node:http's always
 * are, which its transport says with `headerNamesLowerCase`; the SDK's are in practice), else a lower-cased copy,
 * made once per request rather than once per lookup.
 */
function lowerCaseHeaders(request: WireRequest): WireRequest['headers'] {
  const headers = request.headers;
  if (request.headerNamesLowerCase === true) return headers;
  for (const key in headers) {
    if (key.toLowerCase() !== key) {
      const lower: WireRequest['headers'] = {};
      // An exactly lower-case name wins over other spellings of it, as the per-name lookup did.
      for (const name in headers) {
        const l = name.toLowerCase();
        if (name === l || lower[l] === undefined) lower[l] = headers[name];
      }
      return lower;
    }
  }
  return headers;
}

/** Per-process random prefix of request ids (44 upper-case alphanumerics). */
const REQUEST_ID_PREFIX = randomBytes(33).toString('base64').toUpperCase().replace(/[+/]/g, '0');
let requestCounter = 0;

/**
 * A DynamoDB-style request id: 52 upper-case alphanumerics (44 random, then an 8-digit counter), unique per process
 * for a hundred million requests. The counter and 1e8 + counter stay small integers (a double would be printed
 * through the slow double-to-text path); dropping the leading 1 leaves the counter zero-padded to 8 digits.
 */
export function requestId(): string {
  requestCounter = requestCounter === 99_999_999 ? 0 : requestCounter + 1;
  return REQUEST_ID_PREFIX + String(100_000_000 + requestCounter).slice(1);
}

function respond(statusCode: number, payload: Record<string, unknown>): WireResponse {
  const body = resultJson(payload);
  return { statusCode, headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': requestId() }, body };
}

/**
 * Coral's protocol errors carry no lower-case `message`: SerializationException uses `Message`,
 * UnknownOperationException and RequestEntityTooLarge carry none.
 */
const CORAL_MESSAGE_KEY: Record<string, string | null> = { SerializationException: 'Message', UnknownOperationException: null, RequestEntityTooLarge: null };

function errorResponse(error: DynamoDbError): WireResponse {
  const key = Object.hasOwn(CORAL_MESSAGE_KEY, error.type) ? CORAL_MESSAGE_KEY[error.type] : 'message';
  const message = key && error.message !== '' ? { [key]: error.message } : {};
  return respond(error.statusCode, { __type: wireErrorType(error.type), ...message, ...error.extra });
}

/**
 * The bytes of `{}`, the whole reply of most writes (PutItem, DeleteItem, TransactWriteItems without return
 * values), shared by every such reply; transports only send a reply's body, never write into it.
 */
export const EMPTY_OBJECT_BYTES: Uint8Array = Buffer.from('{}');
/** Its checksum. */
const EMPTY_OBJECT_CRC32 = String(crc32(EMPTY_OBJECT_BYTES));

/**
 * Content negotiation and integrity: the body is compressed (gzip or deflate) when the client accepts it, and
 * `x-amz-crc32` is the CRC32 of the bytes actually sent — of the compressed body when compressed, as the AWS
 * SDKs validate it (https://pkg.go.dev/github.com/aws/aws-sdk-go-v2/service/dynamodb/internal/customizations).
 */
function encode(reply: WireResponse, acceptEncoding: string | undefined): WireResponse {
  const coding = negotiateCoding(acceptEncoding);
  const headers = reply.headers;
  if (coding === undefined && reply.body === '{}') {
    headers['x-amz-crc32'] = EMPTY_OBJECT_CRC32;
    headers['content-length'] = '2';
    return { statusCode: reply.statusCode, headers, body: EMPTY_OBJECT_BYTES };
  }
  // UTF-8 encoded once: the checksum, the length and every transport use these bytes.
  const bytes = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
  const body = coding === undefined ? bytes : encodeCoding(coding, bytes);
  if (coding !== undefined) headers['content-encoding'] = coding;
  headers['x-amz-crc32'] = String(crc32(body));
  headers['content-length'] = String(body.byteLength);
  return { statusCode: reply.statusCode, headers, body };
}

/** The reply to a failed operation: its DynamoDB error, or InternalServerError for anything else. */
function failed(error: unknown): WireResponse {
  if (error instanceof DynamoDbError) return errorResponse(error);
  const message = error instanceof Error ? error.message : String(error);
  return errorResponse(new DynamoDbError('InternalServerError', `Internal server error: ${message}`, 500));
}

function answer(engine: Engine, request: WireRequest, headers: WireRequest['headers']): WireResponse | Promise<WireResponse> {
  const target = headers['x-amz-target'] ?? '';
  let text: string;
  let input: unknown;
  try {
    text = decodeRequestBody(request.body, headers['content-encoding']);
    input = text.trim() === '' ? undefined : JSON.parse(text);
  } catch (error) {
    if (error instanceof DynamoDbError) return errorResponse(error);
    return errorResponse(new DynamoDbError('SerializationException', ''));
  }
  const streams = target.startsWith(STREAMS_TARGET_PREFIX);
  if (!streams && !target.startsWith(TARGET_PREFIX)) return errorResponse(new DynamoDbError('UnknownOperationException', ''));
  const operation = target.slice((streams ? STREAMS_TARGET_PREFIX : TARGET_PREFIX).length);
  if (input === undefined) return errorResponse(new DynamoDbError('SerializationException', ''));
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return errorResponse(new DynamoDbError('SerializationException', 'Start of structure or map found where not expected'));
  }
  try {
    if (streams) return respond(200, executeStreams(engine, operation, input as Record<string, unknown>));
    checkAttributeValueShapes(operation, input as Record<string, unknown>);
    const result = engine.executeNow(operation, input, text);
    return result instanceof Promise ? result.then((output) => respond(200, output), failed) : respond(200, result);
  } catch (error) {
    return failed(error);
  }
}

/**
 * The DynamoDB JSON 1.0 protocol over any transport: `X-Amz-Target: DynamoDB_20120810.<Operation>`, JSON body
 * (optionally gzip- or deflate-compressed), errors as `{"__type": "…#Type", "message": "…"}` with status 400 (500 for internal
 * failures, 413 for bodies over 16 MB), and the `x-amzn-RequestId` / `x-amz-crc32` headers clients expect
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.LowLevelAPI.html).
 * Signatures and credentials are not checked.
 *
 * The reply is immediate when the engine answers at once (the in-memory engine always does), so transports
 * spend no promise turns on it; a durable engine's writes give a promise.
 */
export function answerWireRequest(engine: Engine, request: WireRequest): WireResponse | Promise<WireResponse> {
  const headers = lowerCaseHeaders(request);
  const acceptEncoding = headers['accept-encoding'];
  const reply = answer(engine, request, headers);
  return reply instanceof Promise ? reply.then((r) => encode(r, acceptEncoding)) : encode(reply, acceptEncoding);
}

/** The reply to a request refused before the protocol reads it (e.g. a bad signature), encoded as the request accepts. */
export function answerWireError(error: DynamoDbError, request: WireRequest): WireResponse {
  return encode(errorResponse(error), lowerCaseHeaders(request)['accept-encoding']);
}

/** {@link answerWireRequest}, always as a promise. */
export async function handleWireRequest(engine: Engine, request: WireRequest): Promise<WireResponse> {
  return answerWireRequest(engine, request);
}
