import { createServer } from 'node:http';
import { handleWireRequest } from './handleWireRequest';
import { MAX_REQUEST_BYTES } from './decodeRequestBody';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../engine/Engine';

/** A running DynamoDB endpoint. */
export interface WireServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** DynamoDB's answer to a plain `GET /` (a health check). */
const HEALTHY = 'healthy: dynamodb.amazonaws.com ';

/** The raw body, or undefined when it exceeds the request limit (the rest is drained, not buffered). */
async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).byteLength;
    if (size <= MAX_REQUEST_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > MAX_REQUEST_BYTES) return undefined;
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

function serve(engine: Engine, request: IncomingMessage, response: ServerResponse): void {
  if (request.method === 'GET') {
    response.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(HEALTHY.length) }).end(HEALTHY);
    return;
  }
  readBody(request)
    .then(async (body) => {
      if (body === undefined) {
        response.writeHead(413, { 'content-length': '0' }).end();
        return;
      }
      const reply = await handleWireRequest(engine, { headers: request.headers as Record<string, string | undefined>, body });
      response.writeHead(reply.statusCode, reply.headers).end(reply.body);
    })
    .catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
}

/**
 * Serve the engine as a DynamoDB HTTP endpoint (for the AWS CLI, SDKs, GUIs). `GET /` answers 200 as a health
 * check; any credentials and region are accepted; gzip request and response bodies are supported. Use port 0
 * for a free port.
 */
export async function startWireServer(engine: Engine, options: { host?: string; port?: number } = {}): Promise<WireServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => serve(engine, request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
