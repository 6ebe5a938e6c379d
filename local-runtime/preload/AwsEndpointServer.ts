import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { awsErrorResponse } from './awsErrorResponse';
import { awsOperationOf, awsProtocolOf } from './awsOperationOf';
import type { AwsServiceHandler, AwsServiceRequest, AwsServiceResponse } from './AwsServiceHandler';
import { awsServiceOfHost } from './awsServiceOfHost';
import { NOT_EMULATED_CODE, notEmulatedMessage } from './notEmulatedMessage';
import { queryActionService } from './queryActionService';

export { awsServiceOfHost } from './awsServiceOfHost';
export type { AwsServiceHandler, AwsServiceRequest, AwsServiceResponse } from './AwsServiceHandler';

/** A request the server refused because no handler emulates its service. */
export interface AwsRefusal {
  service: string;
  operation: string;
  caller?: string | undefined;
  message: string;
}

export interface AwsEndpointServerOptions {
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** Port (default 0: a free one). */
  port?: number;
  /** Handlers by service name, as {@link awsServiceOfHost} names services (`dynamodb`, `sqs`, …). */
  services: Partial<Record<string, AwsServiceHandler>>;
  /** Let the process exit while the server listens (a runtime a test never closes). Default false. */
  unref?: boolean;
  /** Told of every refused request (the runtime logs them), after the reply is chosen. */
  onRefused?: (refusal: AwsRefusal) => void;
}

/** A running endpoint server. */
export interface AwsEndpointServer {
  url: string;
  close(): Promise<void>;
}

/** Signing names (the credential scope of SigV4) that differ from the endpoint prefix. */
const TARGET_PREFIXES: Readonly<Record<string, string>> = {
  DynamoDB_20120810: 'dynamodb',
  DynamoDBStreams_20120810: 'streams.dynamodb',
  AmazonSQS: 'sqs',
  AWSEvents: 'events',
};

/**
 * The service a request is for: the AWS host the guard redirected it from (`x-tidepool-aws-host`),
 * else its `Host`, else its `X-Amz-Target` prefix or SigV4 credential scope (a client configured with
 * this server as its endpoint).
 */
function serviceOf(headers: Record<string, string | undefined>): string | undefined {
  for (const host of [headers['x-tidepool-aws-host'], headers.host]) {
    const service = host === undefined ? undefined : awsServiceOfHost(host);
    if (service !== undefined) return service;
  }
  const target = headers['x-amz-target'];
  if (target !== undefined) {
    const prefix = TARGET_PREFIXES[target.slice(0, target.indexOf('.'))];
    if (prefix !== undefined) return prefix;
  }
  return /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(headers.authorization ?? '')?.[1];
}

function flatHeaders(message: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(message.headers)) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

function decodeCaller(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

async function readBody(message: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

async function answer(options: AwsEndpointServerOptions, request: AwsServiceRequest): Promise<AwsServiceResponse> {
  const service = serviceOf(request.headers) ?? queryActionService(request);
  const handler = service === undefined ? undefined : options.services[service];
  if (handler !== undefined) return handler(request);
  const operation = awsOperationOf(service, request);
  const protocol = awsProtocolOf(service, request);
  const contentType = request.headers['content-type'];
  if (service === undefined) {
    const message = `Tidepool's AWS endpoint could not tell which AWS service ${request.method} ${request.path} is for (no AWS host, X-Amz-Target or SigV4 scope); it was not sent to AWS.`;
    return awsErrorResponse(protocol, { statusCode: 400, code: NOT_EMULATED_CODE, message, contentType });
  }
  const message = notEmulatedMessage({ service, operation, caller: request.caller });
  options.onRefused?.({ service, operation, caller: request.caller, message });
  // Metadata endpoints: 404 is "not available here" to every credential provider (no retry, no wait).
  const statusCode = service === 'imds' ? 404 : 400;
  if (service === 'imds') return { statusCode, headers: { 'content-type': 'text/plain' }, body: message };
  return awsErrorResponse(protocol, { statusCode, code: NOT_EMULATED_CODE, message, contentType });
}

function serve(options: AwsEndpointServerOptions, message: IncomingMessage, response: ServerResponse): void {
  // No `Date` header: handlers on a virtual clock sign with its time, and an SDK that sees a server
  // time minutes away "corrects its clock skew" and retries the failed request once more.
  response.sendDate = false;
  const send = (reply: AwsServiceResponse): void => {
    const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
    response.writeHead(reply.statusCode, { ...reply.headers, 'content-length': String(body.byteLength) }).end(body);
  };
  const fail = (error: unknown): void => {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const text = `Tidepool's AWS endpoint failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`;
    response.writeHead(500, { 'content-type': 'text/plain', 'content-length': String(Buffer.byteLength(text)) }).end(text);
  };
  readBody(message)
    .then((body) => {
      const headers = flatHeaders(message);
      const caller = decodeCaller(headers['x-tidepool-caller']);
      const request: AwsServiceRequest = { method: message.method ?? 'GET', path: message.url ?? '/', headers, body, ...(caller !== undefined && { caller }) };
      return answer(options, request);
    })
    .then(send, fail);
}

/**
 * Serves the AWS requests the guard (`awsRequestGuard.cjs`) redirects: each goes to the handler of
 * its service (see {@link awsServiceOfHost}); a service with no handler gets a 400 in its own wire
 * protocol (so SDKs neither retry nor hang) naming the service, the operation and the caller.
 *
 * @example
 * const server = await startAwsEndpointServer({ services: { dynamodb: handleDynamoDb } });
 * const uninstall = install({ target: server.url, caller: currentCaller });
 */
export async function startAwsEndpointServer(options: AwsEndpointServerOptions): Promise<AwsEndpointServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((message, response) => serve(options, message, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  if (options.unref === true) {
    server.unref();
    // Idle keep-alive connections too; one with a request in flight is held open by its client.
    server.on('connection', (socket) => socket.unref());
  }
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
