import { Readable } from 'node:stream';
import { HttpResponse, type HttpHandler, type HttpRequest } from '@smithy/protocol-http';

/** One request seen by {@link FakeDynamoDbHandler}: the operation and its parsed JSON body. */
export interface RecordedDynamoDbRequest {
  /** Operation name from `x-amz-target`, e.g. `GetItem`. */
  operation: string;
  body: Record<string, unknown>;
  request: HttpRequest;
}

/** A canned reply: HTTP status and JSON body (an AWS error is `{ __type, message }` with 400). */
export interface CannedReply {
  status?: number;
  body: Record<string, unknown>;
}

export type Responder = (request: RecordedDynamoDbRequest) => CannedReply;

/**
 * Test-only `requestHandler` for DynamoDB clients: records every request and answers with
 * whatever the responder returns, in process (no network). Never imported by handlers.
 */
export class FakeDynamoDbHandler implements HttpHandler {
  readonly requests: RecordedDynamoDbRequest[] = [];

  constructor(private readonly responder: Responder) {}

  async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.slice(target.indexOf('.') + 1);
    const raw = request.body instanceof Uint8Array ? new TextDecoder().decode(request.body) : String(request.body);
    const recorded = { operation, body: JSON.parse(raw) as Record<string, unknown>, request };
    this.requests.push(recorded);
    const reply = this.responder(recorded);
    const payload = Buffer.from(JSON.stringify(reply.body));
    return {
      response: new HttpResponse({
        statusCode: reply.status ?? 200,
        headers: { 'content-type': 'application/x-amz-json-1.0', 'content-length': String(payload.length) },
        body: Readable.from([payload]),
      }),
    };
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }
}

/** Client config that routes a DynamoDB client to `handler` with static credentials (no network, no signing secrets). */
export function fakeDynamoDbConfig(handler: FakeDynamoDbHandler) {
  return {
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
    requestHandler: handler,
  };
}

/** The wire error DynamoDB returns when a ConditionExpression evaluates to false. */
export const conditionalCheckFailed: CannedReply = {
  status: 400,
  body: {
    __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
    message: 'The conditional request failed',
  },
};

/**
 * Publishes a fake DynamoDB handler through the local-runtime seam of `documentClient()`
 * (`Symbol.for('tidepool.aws.clientConfig')`). Call `uninstall` when the test ends.
 */
export function installFakeDynamoDb(responder: Responder): { handler: FakeDynamoDbHandler; uninstall: () => void } {
  const slot = globalThis as Record<symbol, unknown>;
  const key = Symbol.for('tidepool.aws.clientConfig');
  const previous = slot[key];
  const handler = new FakeDynamoDbHandler(responder);
  slot[key] = { dynamodb: fakeDynamoDbConfig(handler) };
  return {
    handler,
    uninstall: () => {
      if (previous === undefined) delete slot[key];
      else slot[key] = previous;
    },
  };
}
