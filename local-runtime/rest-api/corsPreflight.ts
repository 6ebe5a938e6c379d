import type { RestCors, RestResponse } from './types';

/** osls's default `cors: true` headers. */
export const DEFAULT_CORS_HEADERS = ['Content-Type', 'X-Amz-Date', 'Authorization', 'X-Api-Key', 'X-Amz-Security-Token', 'X-Amz-User-Agent', 'X-Amzn-Trace-Id'];

/**
 * The OPTIONS method osls adds to a resource with `cors` (a mock integration,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html): 200 with
 * `Access-Control-Allow-Origin` (the configured origin; with several origins the request's origin
 * when it matches one, `*` wildcards allowed, else the first), `-Headers`, `-Methods` (ANY spelled
 * out), and `-Credentials`, `-Max-Age`, `Cache-Control` when configured.
 */
export function corsPreflight(cors: RestCors, requestOrigin: string | undefined, requestId: string): RestResponse {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'Access-Control-Allow-Origin': allowOrigin(cors, requestOrigin),
    'Access-Control-Allow-Headers': cors.headers.join(','),
    'Access-Control-Allow-Methods': cors.methods.join(',').replace('ANY', 'DELETE,GET,HEAD,PATCH,POST,PUT'),
  };
  if (cors.allowCredentials) headers['Access-Control-Allow-Credentials'] = 'true';
  if (cors.maxAge !== undefined) headers['Access-Control-Max-Age'] = String(cors.maxAge);
  if (cors.cacheControl !== undefined) headers['Cache-Control'] = cors.cacheControl;
  headers['x-amzn-RequestId'] = requestId;
  return { statusCode: 200, headers, multiValueHeaders: {}, body: '', isBase64Encoded: false };
}

function allowOrigin(cors: RestCors, requestOrigin: string | undefined): string {
  const first = cors.origins[0] ?? '*';
  if (cors.origins.length < 2 || requestOrigin === undefined) return first;
  const matches = cors.origins.some((o) => new RegExp(`^${o.replace(/\./g, '[.]').replace('*', '.+')}$`).test(requestOrigin));
  return matches ? requestOrigin : first;
}

/** Normalises an `http` event's `cors` (true or an object) the way osls does. */
export function corsOf(value: unknown, method: string): RestCors | undefined {
  if (value === undefined || value === false || value === null) return undefined;
  const spec = typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const origins = spec['origins'] !== undefined ? [spec['origins']].flat().map(String)
    : String(spec['origin'] ?? '*').split(',').map((o) => o.trim());
  const headers = spec['headers'] !== undefined ? [spec['headers']].flat().map(String) : DEFAULT_CORS_HEADERS;
  const methods = [...new Set([...[spec['methods'] ?? []].flat().map((m) => String(m).toUpperCase()), 'OPTIONS', method])];
  return {
    origins,
    headers,
    methods,
    allowCredentials: spec['allowCredentials'] === true,
    ...(spec['maxAge'] !== undefined && { maxAge: Number(spec['maxAge']) }),
    ...(typeof spec['cacheControl'] === 'string' && { cacheControl: spec['cacheControl'] }),
  };
}

/** Merges the cors of several methods of one resource (osls makes one OPTIONS method per path). */
export function mergeCors(a: RestCors, b: RestCors): RestCors {
  const union = (x: string[], y: string[]) => [...new Set([...x, ...y])];
  return {
    origins: union(a.origins, b.origins),
    headers: union(a.headers, b.headers),
    methods: union(a.methods, b.methods),
    allowCredentials: a.allowCredentials || b.allowCredentials,
    ...((b.maxAge ?? a.maxAge) !== undefined && { maxAge: (b.maxAge ?? a.maxAge) as number }),
    ...((b.cacheControl ?? a.cacheControl) !== undefined && { cacheControl: (b.cacheControl ?? a.cacheControl) as string }),
  };
}
