import { HttpResponse } from '@smithy/protocol-http';
import { EMPTY_OBJECT_BYTES, answerWireRequest } from './handleWireRequest';
import type { HttpRequest } from '@smithy/protocol-http';
import type { HttpHandler } from '@smithy/protocol-http';
import type { Engine } from '../engine/Engine';
import type { WireResponse } from './WireTypes';

function bodyOf(body: unknown): string | Uint8Array {
  if (body === undefined || body === null) return '';
  // Passed through untouched: the SDK's Uint8Array body (a JsonBytesStringAdapter) is read as bytes by the
  // wire layer, never through its string methods (which would log a JsonCodec2 warning and copy).
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  throw new TypeError('In-process DynamoDB handler: streaming request bodies are not supported');
}

function toBytes(body: string | Uint8Array): Uint8Array {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

/** Whether `bytes` still spell `{}`. */
const isEmptyObject = (bytes: Uint8Array): boolean => bytes.byteLength === 2 && bytes[0] === 0x7b && bytes[1] === 0x7d;

/**
 * Replies as the SDK client reads them. The shared `{}` body of most write replies is handed over as this
 * handler's own copy, one for all its replies: the SDK reads a response body in place (it re-types it as its blob
 * class, and never writes into it), and a new buffer per reply costs it measurably more. The copy is checked
 * before each use and made afresh if anything has written into it, so no reply can carry another's changes.
 */
function replyConverter(): (reply: WireResponse) => { response: HttpResponse } {
  let empty = Buffer.from(EMPTY_OBJECT_BYTES);
  return (reply) => {
    let body = toBytes(reply.body);
    if (body === EMPTY_OBJECT_BYTES) {
      if (!isEmptyObject(empty)) empty = Buffer.from(EMPTY_OBJECT_BYTES);
      body = empty;
    }
    return { response: new HttpResponse({ statusCode: reply.statusCode, headers: reply.headers, body }) };
  };
}

/**
 * An AWS SDK v3 request handler that answers DynamoDB calls from the engine in the same process — no sockets,
 * no signing checks. Pair it with {@link inProcessClientConfig} to skip signing work too.
 *
 * @example
 * const client = new DynamoDBClient({
 *   region: 'us-east-1',
 *   endpoint: 'http://in-process.tidepool',
 *   credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
 *   requestHandler: createInProcessRequestHandler(engine),
 * });
 */
export function createInProcessRequestHandler(engine: Engine): HttpHandler {
  const toHttpResponse = replyConverter();
  return {
    // Not async: the in-memory engine answers at once, and the SDK awaits whatever promise it gets.
    handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
      try {
        const reply = answerWireRequest(engine, { headers: request.headers, body: bodyOf(request.body) });
        return reply instanceof Promise ? reply.then(toHttpResponse) : Promise.resolve(toHttpResponse(reply));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    updateHttpClientConfig(): void {},
    httpHandlerConfigs(): Record<string, never> {
      return {};
    },
  };
}
