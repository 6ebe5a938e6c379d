import { createServer } from 'node:http';
import { handleWireRequest } from './handleWireRequest';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../engine/Engine';

/** A running DynamoDB endpoint. */
export interface WireServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Serve the engine as a DynamoDB HTTP endpoint (for the AWS CLI, SDKs, GUIs). `GET /` answers 200 as a health
 * check; any credentials and region are accepted. Use port 0 for a free port.
 */
export async function startWireServer(engine: Engine, options: { host?: string; port?: number } = {}): Promise<WireServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    if (request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('healthy: tidepool dynamodb');
      return;
    }
    readBody(request)
      .then((body) => handleWireRequest(engine, { headers: request.headers as Record<string, string | undefined>, body }))
      .then((reply) => response.writeHead(reply.statusCode, reply.headers).end(reply.body))
      .catch((error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)));
  });
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
