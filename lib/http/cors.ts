import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import type { HttpResult } from './responses';

const corsOptionsSchema = z.strictObject({
  /** Allowed origins; `*` allows any (default `['*']`). */
  allowOrigins: z._default(z.array(z.string().check(z.minLength(1))).check(z.minLength(1)), ['*']),
  allowMethods: z._default(z.array(z.string().check(z.minLength(1))), ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']),
  allowHeaders: z._default(z.array(z.string().check(z.minLength(1))), ['content-type', 'authorization']),
  exposeHeaders: z._default(z.array(z.string().check(z.minLength(1))), ['x-request-id', 'location']),
  /** Seconds a browser may cache a preflight answer (default 300). */
  maxAge: z._default(z.int().check(z.minimum(0)), 300),
  allowCredentials: z._default(z.boolean(), false),
});

/** CORS options; every key is optional and unknown keys are rejected. */
export type CorsOptions = z.input<typeof corsOptionsSchema>;

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
  const parsed = corsOptionsSchema.safeParse(options);
  if (!parsed.success) throw new CorsConfigurationError(`Invalid CORS options: ${parsed.error.issues.map((i) => `${i.path.join('.') || i.code}: ${i.message}`).join('; ')}`);
  const config = parsed.data;
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
