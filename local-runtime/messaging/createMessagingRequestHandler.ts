import type { HttpHandler, HttpRequest } from '@smithy/protocol-http';
import { HttpResponse } from '@smithy/protocol-http';
import { handleEventBridgeRequest } from './handleEventBridgeRequest';
import { handleSnsRequest } from './handleSnsRequest';
import { handleSqsRequest } from './handleSqsRequest';
import type { MessagingHub } from './MessagingHub';
import type { MessagingWireReply, MessagingWireRequest } from './wireTypes';

/** Which protocol handler answers, by the request's `X-Amz-Target` prefix (SNS has none: Query). */
const BY_TARGET: Record<string, (hub: MessagingHub, request: MessagingWireRequest) => Promise<MessagingWireReply>> = {
  AmazonSQS: handleSqsRequest,
  AWSEvents: handleEventBridgeRequest,
};

const UTF8 = new TextDecoder();

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  // Decoded as bytes: the SDK's Uint8Array body warns (JsonCodec2) when its string methods are used.
  if (body instanceof Uint8Array) return UTF8.decode(body);
  throw new TypeError('In-process messaging handler: streaming request bodies are not supported');
}

/**
 * An AWS SDK v3 request handler answering SQS (JSON 1.0), SNS (Query) and EventBridge (JSON 1.1)
 * calls from the runtime's messaging hub, in-process (no sockets, no signature checks).
 *
 * @example
 * const sqs = new SQSClient({ region, credentials, endpoint: 'http://in-process.tidepool', requestHandler: createMessagingRequestHandler(hub) });
 */
export function createMessagingRequestHandler(hub: MessagingHub): HttpHandler {
  return {
    async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
      const target = (headers['x-amz-target'] ?? '').split('.')[0] ?? '';
      const handler = BY_TARGET[target] ?? handleSnsRequest;
      const reply = await handler(hub, { headers, body: bodyText(request.body), path: request.path });
      return { response: new HttpResponse({ statusCode: reply.statusCode, headers: reply.headers, body: Buffer.from(reply.body, 'utf8') }) };
    },
    updateHttpClientConfig(): void {},
    httpHandlerConfigs(): Record<string, never> {
      return {};
    },
  };
}
