import { HttpResponse } from '@smithy/protocol-http';
import { handleWireRequest } from './handleWireRequest';
import type { HttpRequest } from '@smithy/protocol-http';
import type { HttpHandler } from '@smithy/protocol-http';
import type { Engine } from '../engine/Engine';

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  throw new TypeError('In-process DynamoDB handler: streaming request bodies are not supported');
}

/**
 * An AWS SDK v3 request handler that answers DynamoDB calls from the engine in the same process — no sockets,
 * no signing checks.
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
  return {
    async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
      const reply = await handleWireRequest(engine, { headers: request.headers, body: bodyText(request.body) });
      const response = new HttpResponse({ statusCode: reply.statusCode, headers: reply.headers, body: Buffer.from(reply.body, 'utf8') });
      return { response };
    },
    updateHttpClientConfig(): void {},
    httpHandlerConfigs(): Record<string, never> {
      return {};
    },
  };
}
