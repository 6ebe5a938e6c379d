import { createServer } from 'node:http';
import { answerWireError, answerWireRequest } from './handleWireRequest';
import { checkSignature, type SigningKeys } from './signatureCheck';
import { corsHeaders, frontDoorReply } from './frontDoor';
import { MAX_REQUEST_BYTES } from './decodeRequestBody';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../engine/Engine';
import type { WireResponse } from './WireTypes';

export interface WireServerOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /**
   * When given, requests must be signed (Signature Version 4) with one of these keys, as on AWS (see
   * checkSignature); by default any credentials are accepted.
   */
  signingKeys?: SigningKeys;
}

/** A running DynamoDB endpoint. */
export interface WireServer {
  url: string;
  port: number;
  close(): Promise<void>;
}


/**
 * Hands the raw body to `done`, or undefined when it exceeds the request limit (the rest is drained, not
 * buffered). Plain 'data'/'end' listeners: an async iterator over the request costs several promise turns per
 * request, on the path every DynamoDB call takes.
 */
function readBody(request: IncomingMessage, done: (body: Buffer | undefined) => void, fail: (error: Error) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  request.on('data', (chunk: Buffer) => {
    size += chunk.byteLength;
    if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
  });
  request.on('end', () => done(size > MAX_REQUEST_BYTES ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
  request.on('error', fail);
}

function serve(engine: Engine, keys: SigningKeys | undefined, request: IncomingMessage, response: ServerResponse): void {
  // node:http lower-cases incoming header names (https://nodejs.org/api/http.html#messageheaders).
  const headers = request.headers as Record<string, string | undefined>;
  const early = frontDoorReply(engine.options.region, request.method ?? 'GET', headers);
  if (early !== undefined) {
    response.writeHead(early.statusCode, early.headers).end(early.body);
    return;
  }
  const cors = corsHeaders(headers);
  // DynamoDB answers in the JSON type the request came in (application/json or application/x-amz-json-1.0).
  const plainJson = headers['content-type']?.trimStart().toLowerCase().startsWith('application/json') === true;
  const fail = (error: unknown): void => {
    if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain', ...cors });
    response.end(String(error));
  };
  readBody(
    request,
    (body) => {
      if (body === undefined) {
        response.writeHead(413, { 'content-length': '0', ...cors }).end();
        return;
      }
      const send = (reply: WireResponse): void => {
        if (plainJson) reply.headers['content-type'] = 'application/json';
        response.writeHead(reply.statusCode, cors === undefined ? reply.headers : { ...reply.headers, ...cors }).end(reply.body);
      };
      const wireRequest = { headers, body, headerNamesLowerCase: true };
      if (keys !== undefined) {
        const signed = { method: request.method ?? 'POST', url: request.url ?? '/', headers, body };
        checkSignature(signed, keys, engine.options.clock.now()).then((refusal) => {
          if (refusal !== undefined) send(answerWireError(refusal, wireRequest));
          else Promise.resolve(answerWireRequest(engine, wireRequest)).then(send, fail);
        }, fail);
        return;
      }
      try {
        const reply = answerWireRequest(engine, wireRequest);
        if (reply instanceof Promise) reply.then(send, fail);
        else send(reply);
      } catch (error) {
        fail(error);
      }
    },
    fail,
  );
}

/**
 * Serve the engine as a DynamoDB HTTP endpoint (for the AWS CLI, SDKs, GUIs, browser clients). What is not a
 * DynamoDB request is answered as DynamoDB's endpoint answers it (see {@link frontDoorReply}: health check, CORS
 * preflight, 404s); any credentials and region are accepted unless `signingKeys` are given; gzip and deflate request and response bodies are
 * supported. Use port 0 for a free port.
 */
export async function startWireServer(engine: Engine, options: WireServerOptions = {}): Promise<WireServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => serve(engine, options.signingKeys, request, response));
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
