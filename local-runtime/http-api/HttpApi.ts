import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../clock/Clock';
import type { InvocationRecord } from '../lambda/types';
import { buildEvent } from './buildEvent';
import { mapResponse } from './mapResponse';
import { Router, type RouteDefinition } from './Router';
import type { CorsPolicy } from './cors/CorsPolicy';
import type { JwtAuthorizer } from './jwt/JwtAuthorizer';
import type { HttpApiEventV2, HttpApiRequest, HttpApiResponse } from './types';
import type { RestApi } from '../rest-api/RestApi';
import { payloadTooLarge } from './payloadTooLarge';
import { buildEventV1, type HttpApiEventV1 } from './buildEventV1';
import { LambdaAuthorizer } from './LambdaAuthorizer';
import { mapResponseV1 } from './mapResponseV1';

export interface HttpApiOptions {
  routes: RouteDefinition[];
  /** Runs a route's function; `event` is a payload 1.0 event (`version: '1.0'`, route key in `requestContext.resourceId`) on `payloadV1` routes. */
  invoke: (functionKey: string, event: HttpApiEventV2) => Promise<InvocationRecord>;
  clock: Clock;
  region: string;
  accountId: string;
  apiId?: string;
  /** `provider.httpApi.cors`, when configured. */
  cors?: CorsPolicy;
  /** JWT and Lambda authorizers by name (`provider.httpApi.authorizers`). */
  authorizers?: Map<string, JwtAuthorizer | LambdaAuthorizer>;
  /** Route keys (`GET /x`, `$default`) whose integration uses payload format 1.0. */
  payloadV1?: Set<string>;
  /** The REST API (`http` events), served on the same port under `/{stage}/…`. */
  rest?: RestApi;
}

/** A request a JWT authorizer refused, and why. */
export interface AuthorizerDenial {
  route: string;
  statusCode: 401 | 403 | 500;
  reason: string;
}

export interface HttpApiServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const NOT_FOUND = '{"message":"Not Found"}';
/** API Gateway's answers when a JWT authorizer denies a request. */
const DENIED = { 401: '{"message":"Unauthorized"}', 403: '{"message":"Forbidden"}', 500: '{"message":"Internal Server Error"}' } as const;

/**
 * API Gateway HTTP API emulation: routes `httpApi` events to functions with payload format 2.0.
 * `handle` works without sockets (tests); `listen` serves it over node:http.
 */
export class HttpApi {
  readonly apiId: string;
  readonly #router: Router;
  readonly #options: HttpApiOptions;
  readonly #deniedListeners = new Set<(denial: AuthorizerDenial) => void>();

  constructor(options: HttpApiOptions) {
    this.#router = new Router(options.routes);
    this.#options = options;
    this.apiId = options.apiId ?? 'local';
  }

  /**
   * Calls `listener` whenever a JWT authorizer denies a request, with the reason. API Gateway tells
   * the client only `Unauthorized`; the local runtime can tell the developer why. Returns an unsubscribe.
   */
  onDenied(listener: (denial: AuthorizerDenial) => void): () => void {
    this.#deniedListeners.add(listener);
    return () => this.#deniedListeners.delete(listener);
  }

  /** The REST API served beside this HTTP API under `/{stage}/…`, when the service has `http` events. */
  get rest(): RestApi | undefined {
    return this.#options.rest;
  }

  /** The route definitions this API serves, as given. */
  get routes(): readonly RouteDefinition[] {
    return this.#options.routes;
  }

  /**
   * Routes, authorizes, invokes and maps one request, as API Gateway does: CORS preflights are
   * answered without a route; no matching route → 404 `{"message":"Not Found"}`; a JWT authorizer
   * denies with 401 `{"message":"Unauthorized"}` (403 `Forbidden` for missing scopes).
   */
  async handle(request: HttpApiRequest): Promise<HttpApiResponse> {
    const rest = this.#options.rest;
    if (rest !== undefined && this.#restTakes(rest, request)) return rest.handle(request);
    const tooLarge = payloadTooLarge(request.body);
    if (tooLarge !== undefined) return tooLarge;
    const cors = this.#options.cors;
    const headers = lowerCaseHeaders(request.headers ?? {});
    if (cors?.isPreflight(request.method, headers)) return cors.preflight(headers);
    const finish = (response: Omit<HttpApiResponse, 'route' | 'invocation'>): Omit<HttpApiResponse, 'route' | 'invocation'> =>
      cors === undefined ? response : cors.decorate(headers, response);
    const match = this.#router.match(request.method, request.path);
    if (match === undefined) {
      return finish({ statusCode: 404, headers: { 'content-type': 'application/json' }, body: NOT_FOUND, isBase64Encoded: false });
    }
    const nowMs = this.#options.clock.now();
    const event = buildEvent(request, match, {
      accountId: this.#options.accountId,
      apiId: this.apiId,
      region: this.#options.region,
      nowMs,
    });
    const context = { accountId: this.#options.accountId, apiId: this.apiId, region: this.#options.region, nowMs };
    let authorizerContext: Record<string, unknown> | undefined;
    if (match.authorizer !== undefined) {
      const authorizer = this.#options.authorizers?.get(match.authorizer.name);
      if (authorizer === undefined) throw new Error(`route ${match.routeKey} names unknown authorizer ${match.authorizer.name}`);
      const decision = authorizer instanceof LambdaAuthorizer
        ? await authorizer.authorize({
          routeArn: `arn:aws:execute-api:${this.#options.region}:${this.#options.accountId}:${this.apiId}/$default/${event.requestContext.http.method}${request.path}`,
          headers: event.headers, query: event.queryStringParameters ?? {}, nowMs,
          eventV2: event as unknown as Record<string, unknown>,
          eventV1: () => buildEventV1(request, match, context) as unknown as Record<string, unknown>,
        })
        : await authorizer.authorize({ headers: event.headers, query: event.queryStringParameters ?? {} }, match.authorizer.scopes, nowMs);
      if (!decision.allowed) {
        for (const listener of this.#deniedListeners) listener({ route: match.routeKey, statusCode: decision.statusCode, reason: decision.reason });
        return { ...finish({ statusCode: decision.statusCode, headers: { 'content-type': 'application/json' }, body: DENIED[decision.statusCode], isBase64Encoded: false }), route: match.routeKey };
      }
      if ('claims' in decision) event.requestContext.authorizer = { jwt: { claims: decision.claims, scopes: decision.scopes } };
      else {
        authorizerContext = decision.context;
        (event.requestContext as { authorizer?: unknown }).authorizer = { lambda: decision.context };
      }
    }
    const v1 = this.#options.payloadV1?.has(match.routeKey) === true;
    const payload = v1 ? withAuthorizerV1(buildEventV1(request, match, context), event, authorizerContext) : event;
    const eventTooLarge = payloadTooLarge(undefined, payload);
    if (eventTooLarge !== undefined) return { ...eventTooLarge, route: match.routeKey };
    const invocation = await this.#options.invoke(match.functionKey, payload as HttpApiEventV2);
    const response = finish(v1 ? mapResponseV1(invocation) : mapResponse(invocation));
    return {
      ...response,
      headers: { ...response.headers, 'apigw-requestid': event.requestContext.requestId },
      route: match.routeKey,
      invocation,
    };
  }

  /**
   * Whether the REST API answers a request: every request when the service has no httpApi routes;
   * else requests under `/{stage}` that a REST method serves, or that no httpApi route (other than
   * `$default`) matches.
   */
  #restTakes(rest: RestApi, request: HttpApiRequest): boolean {
    if (this.#options.routes.length === 0) return true;
    if (!rest.claims(request.path)) return false;
    if (rest.serves(request.method, request.path)) return true;
    const match = this.#router.match(request.method, request.path);
    return match === undefined || match.routeKey === '$default';
  }

  /** Serves the API over HTTP. Use port 0 for a free port. */
  listen(options: { host?: string; port?: number } = {}): Promise<HttpApiServer> {
    const host = options.host ?? '127.0.0.1';
    const server = createServer((req, res) => {
      this.#serve(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"message":"Internal Server Error"}');
      });
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        const { port } = server.address() as AddressInfo;
        resolve({
          url: `http://${host}:${port}`,
          port,
          close: () => new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
        });
      });
    });
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const response = await this.handle({
      method: req.method ?? 'GET',
      path: q === -1 ? url : url.slice(0, q),
      query: q === -1 ? '' : url.slice(q + 1),
      headers: req.headers,
      rawHeaders: req.rawHeaders,
      body: Buffer.concat(chunks),
      sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
    });
    const headers: Record<string, string | string[]> = { ...response.headers };
    if (response.cookies !== undefined) headers['set-cookie'] = response.cookies;
    res.writeHead(response.statusCode, headers);
    res.end(response.isBase64Encoded ? Buffer.from(response.body, 'base64') : response.body);
  }
}

function lowerCaseHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

/** The authorizer's output in a payload 1.0 event: the JWT claims and scopes, or the Lambda authorizer's context. */
function withAuthorizerV1(v1: HttpApiEventV1, v2: HttpApiEventV2, lambda: Record<string, unknown> | undefined): HttpApiEventV1 {
  const jwt = v2.requestContext.authorizer?.jwt;
  if (jwt !== undefined) v1.requestContext.authorizer = { claims: jwt.claims, scopes: jwt.scopes };
  else if (lambda !== undefined) v1.requestContext.authorizer = { ...lambda };
  return v1;
}
