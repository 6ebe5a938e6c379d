import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { DynamoDbError } from '../engine/errors';
import { wireErrorType } from './errorType';
import type { Engine } from '../engine/Engine';
import type { WireRequest, WireResponse } from './WireTypes';

const TARGET_PREFIX = 'DynamoDB_20120810.';

function header(headers: WireRequest['headers'], name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** A DynamoDB-style request id: 52 upper-case alphanumerics. */
function requestId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return [...randomBytes(52)].map((b) => alphabet[b % alphabet.length]).join('');
}

function respond(statusCode: number, payload: unknown): WireResponse {
  const body = JSON.stringify(payload);
  return {
    statusCode,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': requestId(),
      'x-amz-crc32': String(crc32(body)),
      'content-length': String(Buffer.byteLength(body)),
    },
    body,
  };
}

function errorResponse(error: DynamoDbError): WireResponse {
  return respond(error.statusCode, { __type: wireErrorType(error.type), message: error.message, ...error.extra });
}

/**
 * The DynamoDB JSON 1.0 protocol over any transport: `X-Amz-Target: DynamoDB_20120810.<Operation>`, JSON body,
 * errors as `{"__type": "…#Type", "message": "…"}` with status 400 (500 for internal failures), and the
 * `x-amzn-RequestId` / `x-amz-crc32` headers clients expect
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.LowLevelAPI.html).
 * Signatures and credentials are not checked.
 */
export async function handleWireRequest(engine: Engine, request: WireRequest): Promise<WireResponse> {
  const target = header(request.headers, 'x-amz-target') ?? '';
  if (!target.startsWith(TARGET_PREFIX)) return errorResponse(new DynamoDbError('UnknownOperationException', ''));
  const operation = target.slice(TARGET_PREFIX.length);
  let input: unknown;
  try {
    input = request.body.trim() === '' ? {} : JSON.parse(request.body);
  } catch {
    return errorResponse(new DynamoDbError('SerializationException', 'Malformed JSON in the request body'));
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return errorResponse(new DynamoDbError('SerializationException', 'Start of structure or map found where not expected'));
  }
  try {
    return respond(200, await engine.execute(operation, input));
  } catch (error) {
    if (error instanceof DynamoDbError) return errorResponse(error);
    const message = error instanceof Error ? error.message : String(error);
    return errorResponse(new DynamoDbError('InternalServerError', `Internal server error: ${message}`, 500));
  }
}
