import { HttpApiError } from './errors';

export interface RouteDefinition {
  /** Upper-case method, `*` or `ANY`. */
  method: string;
  /** `/orders/{id}`, `/files/{proxy+}`, or `*` / `$default` for the default route. */
  path: string;
  functionKey: string;
  /** The route's JWT authorizer (by name) and required scopes. */
  authorizer?: RouteAuthorizer;
}

/** A route's authorizer reference: `httpApi.authorizer` in serverless.yml. */
export interface RouteAuthorizer {
  name: string;
  scopes: string[];
}

export interface RouteMatch {
  /** `GET /orders/{id}` or `$default`. */
  routeKey: string;
  functionKey: string;
  /** Decoded path parameters (undefined when the route has none). */
  pathParameters?: Record<string, string>;
  authorizer?: RouteAuthorizer;
}

type Segment = { kind: 'literal'; value: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

interface CompiledRoute {
  routeKey: string;
  functionKey: string;
  authorizer: RouteAuthorizer | undefined;
  method: string | undefined;
  segments: Segment[];
  /** Sort key: literal segments beat parameters, parameters beat greedy ones; a method beats ANY. */
  rank: number[];
}

const SEGMENT_RANK = { literal: 3, param: 2, greedy: 1 } as const;

function parseSegment(text: string, routeKey: string, isLast: boolean): Segment {
  const param = /^\{([A-Za-z0-9._-]+)(\+?)\}$/.exec(text);
  if (param === null) {
    if (/[{}]/.test(text)) throw new HttpApiError('httpApi.route.invalid', `Route "${routeKey}": invalid path segment "${text}".`, { routeKey });
    return { kind: 'literal', value: text };
  }
  const name = param[1] as string;
  if (param[2] !== '+') return { kind: 'param', name };
  if (!isLast) throw new HttpApiError('httpApi.route.invalid', `Route "${routeKey}": a greedy path variable must be the last segment.`, { routeKey });
  return { kind: 'greedy', name };
}

/**
 * Route selection of API Gateway HTTP APIs
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html):
 * an exact route and method first, then routes with path variables and greedy `{proxy+}`
 * (most specific wins), `ANY` only where no route has the request's method, `$default` last.
 */
export class Router {
  readonly #routes: CompiledRoute[];
  readonly #defaultRoute: { functionKey: string; authorizer: RouteAuthorizer | undefined } | undefined;

  constructor(routes: RouteDefinition[]) {
    const compiled: CompiledRoute[] = [];
    let defaultRoute: { functionKey: string; authorizer: RouteAuthorizer | undefined } | undefined;
    for (const route of routes) {
      if (route.path === '*' || route.path === '$default') {
        defaultRoute = { functionKey: route.functionKey, authorizer: route.authorizer };
        continue;
      }
      const method = route.method.toUpperCase();
      const anyMethod = method === '*' || method === 'ANY';
      const routeKey = `${anyMethod ? 'ANY' : method} ${route.path}`;
      if (!route.path.startsWith('/')) throw new HttpApiError('httpApi.route.invalid', `Route "${routeKey}": the path must start with "/".`, { routeKey });
      const parts = route.path === '/' ? [] : route.path.slice(1).split('/');
      const segments = parts.map((part, i) => parseSegment(part, routeKey, i === parts.length - 1));
      if (compiled.some((other) => other.routeKey === routeKey)) {
        throw new HttpApiError('httpApi.route.duplicate', `Route "${routeKey}" is defined twice.`, { routeKey });
      }
      compiled.push({
        routeKey,
        functionKey: route.functionKey,
        authorizer: route.authorizer,
        method: anyMethod ? undefined : method,
        segments,
        rank: [...segments.map((s) => SEGMENT_RANK[s.kind]), 0, anyMethod ? 0 : 1],
      });
    }
    this.#routes = compiled.sort((a, b) => compareRank(b.rank, a.rank));
    this.#defaultRoute = defaultRoute;
  }

  /** The best route for a request, or undefined (API Gateway then answers 404 Not Found). */
  match(method: string, path: string): RouteMatch | undefined {
    const parts = path === '/' || path === '' ? [] : path.replace(/^\//, '').split('/');
    const upper = method.toUpperCase();
    for (const route of this.#routes) {
      if (route.method !== undefined && route.method !== upper) continue;
      const params = matchSegments(route.segments, parts);
      if (params === undefined) continue;
      return {
        routeKey: route.routeKey,
        functionKey: route.functionKey,
        ...(Object.keys(params).length > 0 ? { pathParameters: params } : {}),
        ...(route.authorizer !== undefined && { authorizer: route.authorizer }),
      };
    }
    const fallback = this.#defaultRoute;
    if (fallback === undefined) return undefined;
    return { routeKey: '$default', functionKey: fallback.functionKey, ...(fallback.authorizer !== undefined && { authorizer: fallback.authorizer }) };
  }
}

function compareRank(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const diff = (a[i] ?? -1) - (b[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i] as Segment;
    if (segment.kind === 'greedy') {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.join('/') === '') return undefined;
      params[segment.name] = decode(rest.join('/'));
      return params;
    }
    const part = parts[i];
    if (part === undefined || part === '') return undefined;
    if (segment.kind === 'literal' && segment.value !== part) return undefined;
    if (segment.kind === 'param') params[segment.name] = decode(part);
  }
  return segments.length === parts.length ? params : undefined;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
