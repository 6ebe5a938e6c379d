import type { Clock } from '../clock/Clock';
import { Router } from '../http-api/Router';
import type { HttpApiRequest, HttpApiResponse } from '../http-api/types';
import type { InvocationRecord } from '../lambda/types';
import type { ApiKey } from './ApiKeys';
import type { RestAuthorizer } from './authorizers/RestAuthorizer';
import { buildRestEvent } from './buildRestEvent';
import { corsPreflight, mergeCors } from './corsPreflight';
import { gatewayResponse, type GatewayResponseType } from './gatewayResponse';
import { lambdaIntegrationEvent, lambdaIntegrationResponse } from './lambdaIntegration';
import { mapRestResponse } from './mapRestResponse';
import { toHttpResponse } from './toHttpResponse';
import type { RestApiEvent, RestCors, RestResponse, RestRouteDefinition } from './types';
import { RequestValidator } from './validateRequest';

/** API Gateway's request payload quota (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html). */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
/** Lambda's synchronous invocation payload quota (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
export const MAX_INVOKE_PAYLOAD_BYTES = 6 * 1024 * 1024;

export interface RestApiOptions {
  routes: RestRouteDefinition[];
  stage: string;
  invoke: (functionKey: string, event: unknown, source: string) => Promise<InvocationRecord>;
  clock: Clock;
  region: string;
  accountId: string;
  apiId?: string;
  authorizers?: Map<string, RestAuthorizer>;
  apiKeys?: ApiKey[];
  /** `provider.apiGateway.binaryMediaTypes` (`image/png`, `image/*`, `*\/*`). */
  binaryMediaTypes?: string[];
  stageVariables?: Record<string, string>;
}

/** A request the REST API refused before (or instead of) invoking the route's function. */
export interface RestRefusal {
  route: string;
  statusCode: number;
  reason: string;
}

const CORS_KEY = '\u0000cors';

/**
 * API Gateway REST API emulation (`http` events): invoke URLs `/{stage}/{resource}`, routing with
 * literal, `{param}` and `{proxy+}` segments and `ANY`, CORS preflights, API keys, Lambda and
 * Cognito authorizers, request validation, Lambda proxy (payload 1.0) and `integration: lambda`.
 */
export class RestApi {
  readonly apiId: string;
  readonly stage: string;
  readonly #options: RestApiOptions;
  readonly #router: Router;
  readonly #byKey = new Map<string, RestRouteDefinition>();
  readonly #cors = new Map<string, RestCors>();
  readonly #validators = new Map<string, RequestValidator>();
  readonly #refusedListeners = new Set<(refusal: RestRefusal) => void>();

  constructor(options: RestApiOptions) {
    this.#options = options;
    this.apiId = options.apiId ?? 'local';
    this.stage = options.stage;
    for (const route of options.routes) {
      this.#byKey.set(`${route.method} ${route.path}`, route);
      if (route.cors !== undefined) {
        const earlier = this.#cors.get(route.path);
        this.#cors.set(route.path, earlier === undefined ? route.cors : mergeCors(earlier, route.cors));
      }
    }
    // One route per resource: a request picks its resource by path first, then a method on it.
    const resources = [...new Set(options.routes.map((r) => r.path))];
    this.#router = new Router(resources.map((path) => ({ method: 'ANY', path, functionKey: path })));
  }

  /** The resource and method serving a request (path without the stage), or undefined (403 Missing Authentication Token). */
  #match(method: string, path: string): { resource: string; route: RestRouteDefinition | typeof CORS_KEY; pathParameters: Record<string, string> | undefined } | undefined {
    const match = this.#router.match(method, path);
    if (match === undefined) return undefined;
    const resource = match.functionKey;
    const route = this.#byKey.get(`${method} ${resource}`)
      ?? (method === 'OPTIONS' && this.#cors.has(resource) ? CORS_KEY : this.#byKey.get(`ANY ${resource}`));
    return route === undefined ? undefined : { resource, route, pathParameters: match.pathParameters };
  }

  /** The methods this API serves, as given. */
  get routes(): readonly RestRouteDefinition[] {
    return this.#options.routes;
  }

  /** The API keys `private` methods accept. */
  get apiKeys(): readonly ApiKey[] {
    return this.#options.apiKeys ?? [];
  }

  /** Calls `listener` when a request is refused (authorizer, API key, validation, limits) with the reason; returns an unsubscribe. */
  onRefused(listener: (refusal: RestRefusal) => void): () => void {
    this.#refusedListeners.add(listener);
    return () => this.#refusedListeners.delete(listener);
  }

  /** Whether a request path is under this API's stage (`/dev` or `/dev/...`). */
  claims(path: string): boolean {
    return path === `/${this.stage}` || path.startsWith(`/${this.stage}/`);
  }

  /** Whether a method (or a CORS preflight) of this API serves `method path` (path with the stage). */
  serves(method: string, path: string): boolean {
    return this.claims(path) && this.#match(method.toUpperCase(), this.#resourcePath(path)) !== undefined;
  }

  #resourcePath(path: string): string {
    return path.slice(this.stage.length + 1).replace(/(.)\/+$/, '$1') || '/';
  }

  /**
   * Handles one request to `/{stage}/…` as API Gateway does. A path outside the stage is 403
   * `{"message":"Forbidden"}`; no resource or method is 403 `Missing Authentication Token`.
   */
  async handle(request: HttpApiRequest): Promise<HttpApiResponse> {
    const response = await this.#handle(request);
    return toHttpResponse(response.response, response.route, response.invocation);
  }

  async #handle(request: HttpApiRequest): Promise<{ response: RestResponse; route?: string; invocation?: InvocationRecord }> {
    const requestId = crypto.randomUUID();
    const refuse = (type: GatewayResponseType | { badRequest: string }, route: string, reason: string) => {
      const response = gatewayResponse(type, requestId);
      for (const listener of this.#refusedListeners) listener({ route, statusCode: response.statusCode, reason });
      return { response, route };
    };
    const body = request.body === undefined ? undefined : typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
    if (body !== undefined && body.length > MAX_REQUEST_BYTES) {
      return refuse('REQUEST_TOO_LARGE', `${request.method} ${request.path}`, `the body is ${body.length} bytes; API Gateway accepts at most ${MAX_REQUEST_BYTES}`);
    }
    if (!this.claims(request.path)) return { response: gatewayResponse('FORBIDDEN', requestId) };
    const path = this.#resourcePath(request.path);
    const method = request.method.toUpperCase();
    const match = this.#match(method, path);
    if (match === undefined) return { response: gatewayResponse('MISSING_AUTHENTICATION_TOKEN', requestId) };
    const { resource } = match;
    const routeName = `${method} /${this.stage}${resource === '/' ? '' : resource}`;
    const headerPairs = headerPairsOf(request);
    if (match.route === CORS_KEY) {
      const origin = headerPairs.findLast(([n]) => n.toLowerCase() === 'origin')?.[1];
      return { response: corsPreflight(this.#cors.get(resource) as RestCors, origin, requestId), route: routeName };
    }
    const route = match.route;
    const nowMs = this.#options.clock.now();
    const event = buildRestEvent(
      { method, path, query: request.query ?? '', headerPairs, body, sourceIp: request.sourceIp ?? '127.0.0.1' },
      {
        resource, pathParameters: match.pathParameters, stage: this.stage, stageVariables: this.#options.stageVariables,
        accountId: this.#options.accountId, apiId: this.apiId, region: this.#options.region, nowMs,
        binary: this.#isBinary(headerPairs),
      },
    );
    event.requestContext.requestId = requestId;
    const lower = Object.fromEntries(headerPairs.map(([n, v]) => [n.toLowerCase(), v]));
    if (route.private === true) {
      const key = this.apiKeys.find((k) => k.enabled && k.value === lower['x-api-key']);
      if (key === undefined) return refuse('FORBIDDEN', routeName, lower['x-api-key'] === undefined ? 'no x-api-key header (the method is private)' : 'the x-api-key is not a key of this API');
      event.requestContext.identity.apiKey = key.value;
      event.requestContext.identity.apiKeyId = key.name;
    }
    if (route.authorizer !== undefined) {
      const denial = await this.#authorize(route, event, lower, routeName);
      if (denial !== undefined) return refuse(denial.type, routeName, denial.reason);
    }
    const rules = route.request;
    if (rules !== undefined) {
      const message = this.#validator(`${route.method} ${route.path}`, route).check(event);
      if (message !== undefined) return refuse({ badRequest: message }, routeName, message);
    }
    const payload = route.integration === 'AWS' ? lambdaIntegrationEvent(event) : event;
    // Only a body of 3 MB or more can make the event reach 6 MB: small requests are not serialised twice.
    const size = (body?.length ?? 0) * 1.34 < MAX_INVOKE_PAYLOAD_BYTES / 2 ? 0 : Buffer.byteLength(JSON.stringify(payload));
    if (size > MAX_INVOKE_PAYLOAD_BYTES) {
      return refuse('REQUEST_TOO_LARGE', routeName, `the event is ${size} bytes; Lambda accepts at most ${MAX_INVOKE_PAYLOAD_BYTES} for a synchronous invocation`);
    }
    const invocation = await this.#options.invoke(route.functionKey, payload, routeName);
    if (route.integration === 'AWS') return { response: lambdaIntegrationResponse(invocation, route.cors, requestId), route: routeName, invocation };
    return { response: mapRestResponse(invocation, requestId).response, route: routeName, invocation };
  }

  async #authorize(route: RestRouteDefinition, event: RestApiEvent, lower: Record<string, string>, routeName: string): Promise<{ type: GatewayResponseType; reason: string } | undefined> {
    const config = route.authorizer;
    if (config === undefined) return undefined;
    const authorizer = this.#options.authorizers?.get(config.name);
    if (authorizer === undefined) throw new Error(`${routeName} names unknown authorizer ${config.name}`);
    const methodArn = `arn:aws:execute-api:${this.#options.region}:${this.#options.accountId}:${this.apiId}/${this.stage}/${event.httpMethod}/${event.path.replace(/^\//, '')}`;
    const decision = await authorizer.authorize({
      methodArn,
      event,
      identity: {
        headers: lower,
        query: event.queryStringParameters ?? {},
        stageVariables: event.stageVariables ?? {},
        context: { httpMethod: event.httpMethod, resourcePath: event.resource, stage: this.stage, path: event.requestContext.path },
      },
    });
    if (decision.kind === 'allow') {
      event.requestContext.authorizer = decision.authorizer;
      return undefined;
    }
    const type = decision.kind === 'unauthorized' ? 'UNAUTHORIZED' : decision.kind === 'denied' ? 'ACCESS_DENIED' : 'AUTHORIZER_CONFIGURATION_ERROR';
    return { type, reason: decision.reason };
  }

  #validator(key: string, route: RestRouteDefinition): RequestValidator {
    let validator = this.#validators.get(key);
    if (validator === undefined) {
      validator = new RequestValidator(route.request as NonNullable<RestRouteDefinition['request']>);
      this.#validators.set(key, validator);
    }
    return validator;
  }

  #isBinary(headerPairs: [string, string][]): boolean {
    const types = this.#options.binaryMediaTypes ?? [];
    if (types.length === 0) return false;
    const contentType = (headerPairs.findLast(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    return types.some((t) => {
      const [type, sub] = t.toLowerCase().split('/');
      const [ctType, ctSub] = contentType.split('/');
      return (type === '*' || type === ctType) && (sub === '*' || sub === ctSub);
    });
  }
}

/** Header pairs in the client's case: from `rawHeaders` when the request came over a socket, else from `headers`. */
function headerPairsOf(request: HttpApiRequest): [string, string][] {
  if (request.rawHeaders !== undefined) {
    const pairs: [string, string][] = [];
    for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) pairs.push([request.rawHeaders[i] as string, request.rawHeaders[i + 1] as string]);
    return pairs;
  }
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (value === undefined) continue;
    for (const v of [value].flat()) pairs.push([name, v]);
  }
  return pairs;
}
