import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as v from 'valibot';
import { schemaIssues } from '../schema/schemaIssues';
import type { HttpResult } from './responses';

const names = v.array(v.pipe(v.string(), v.minLength(1)));

const corsOptionsSchema = v.strictObject({
  /** Allowed origins; `*` allows any (default `['*']`). */
  allowOrigins: v.optional(v.pipe(names, v.minLength(1)), ['*']),
  allowMethods: v.optional(names, ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']),
  allowHeaders: v.optional(names, ['content-type', 'authorization']),
  exposeHeaders: v.optional(names, ['x-request-id', 'location']),
  /** Seconds a browser may cache a preflight answer (default 300). */
  maxAge: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(0)), 300),
  allowCredentials: v.optional(v.boolean(), false),
});

/** CORS options; every key is optional and unknown keys are rejected. */
export type CorsOptions = v.InferInput<typeof corsOptionsSchema>;

/** An invalid CORS configuration (unknown key, wrong type, `*` with credentials). */
export class CorsConfigurationError extends Error {
  override readonly name = 'CorsConfigurationError';
  readonly code = 'http.cors_configuration';
}

const headerOf = (event: APIGatewayProxyEventV2, name: string): string | undefined =>
  Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];

/**
 * middy middleware adding CORS response headers (on success and error responses) and answering
 * preflight requests (`OPTIONS` with `access-control-request-method`) with 204. A disallowed origin
 * gets no CORS headers, so the browser blocks the response. Options are validated once, when the
 * middleware is built: an unknown key throws {@link CorsConfigurationError}.
 *
 * @example
 * httpRoute(schemas, fn, { cors: { allowOrigins: ['https://app.example.com'], allowCredentials: true } })
 */
export function cors(options: CorsOptions = {}): MiddlewareObj<APIGatewayProxyEventV2, HttpResult> {
  const parsed = v.safeParse(corsOptionsSchema, options);
  if (!parsed.success) throw new CorsConfigurationError(`Invalid CORS options: ${schemaIssues(parsed.issues).map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`).join('; ')}`);
  const config = parsed.output;
  const anyOrigin = config.allowOrigins.includes('*');
  if (anyOrigin && config.allowCredentials) throw new CorsConfigurationError('Invalid CORS options: allowCredentials cannot be used with the origin "*"');

  const originHeaders = (event: APIGatewayProxyEventV2): Record<string, string> => {
    if (anyOrigin) return { 'access-control-allow-origin': '*' };
    const origin = headerOf(event, 'origin');
    if (origin === undefined || !config.allowOrigins.includes(origin)) return { vary: 'origin' };
    return { 'access-control-allow-origin': origin, vary: 'origin', ...(config.allowCredentials ? { 'access-control-allow-credentials': 'true' } : {}) };
  };

  const decorate = (request: { event: APIGatewayProxyEventV2; response: HttpResult | null | undefined }) => {
    if (!request.response) return;
    const headers = originHeaders(request.event);
    const exposed: Record<string, string> = 'access-control-allow-origin' in headers && config.exposeHeaders.length > 0 ? { 'access-control-expose-headers': config.exposeHeaders.join(',') } : {};
    request.response = { ...request.response, headers: { ...request.response.headers, ...headers, ...exposed } };
  };

  return {
    name: 'cors',
    before: (request) => {
      const event = request.event;
      if (event.requestContext?.http?.method !== 'OPTIONS' || headerOf(event, 'access-control-request-method') === undefined) return undefined;
      const headers = originHeaders(event);
      const allowed =
        'access-control-allow-origin' in headers
          ? { 'access-control-allow-methods': config.allowMethods.join(','), 'access-control-allow-headers': config.allowHeaders.join(','), 'access-control-max-age': String(config.maxAge) }
          : {};
      return { statusCode: 204, headers: { ...headers, ...allowed }, body: '' };
    },
    after: decorate,
    onError: decorate,
  };
}
