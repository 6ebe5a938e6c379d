import type { CorsConfig } from './CorsPolicy';

/** osls's defaults for `provider.httpApi.cors: true` (lib/plugins/aws/package/compile/events/http-api.js). */
const DEFAULT_ORIGINS = ['*'];
const DEFAULT_HEADERS = ['Content-Type', 'X-Amz-Date', 'Authorization', 'X-Api-Key', 'X-Amz-Security-Token', 'X-Amz-User-Agent', 'X-Amzn-Trace-Id'];
/** Methods osls expands `ANY` / `*` routes to when it fills `allowedMethods`. */
const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'OPTIONS', 'HEAD', 'DELETE'];

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [String(value)]);

/**
 * The CORS configuration osls deploys for `provider.httpApi.cors`
 * (https://www.serverless.com/framework/docs/providers/aws/events/http-api#cors-setup): `true` gives
 * the defaults; an object sets allowedOrigins / allowedHeaders / allowedMethods / allowCredentials /
 * exposedResponseHeaders / maxAge. Without allowedMethods, osls fills them with OPTIONS plus every
 * route's method (all methods for `ANY`). Undefined when CORS is off.
 */
export function corsConfigFromService(cors: unknown, routeMethods: string[]): CorsConfig | undefined {
  if (cors === undefined || cors === false || cors === null) return undefined;
  const user = typeof cors === 'object' ? (cors as Record<string, unknown>) : {};
  const fill = (): string[] => {
    const methods = new Set(['OPTIONS']);
    for (const method of routeMethods) {
      const upper = method.toUpperCase();
      if (upper === '*' || upper === 'ANY') ALL_METHODS.forEach((m) => methods.add(m));
      else methods.add(upper);
    }
    return [...methods];
  };
  return {
    allowOrigins: user['allowedOrigins'] === undefined ? DEFAULT_ORIGINS : list(user['allowedOrigins']),
    allowHeaders: user['allowedHeaders'] === undefined ? DEFAULT_HEADERS : list(user['allowedHeaders']),
    allowMethods: user['allowedMethods'] === undefined ? fill() : list(user['allowedMethods']),
    allowCredentials: user['allowCredentials'] === true,
    exposeHeaders: user['exposedResponseHeaders'] === undefined ? [] : list(user['exposedResponseHeaders']),
    ...(typeof user['maxAge'] === 'number' && { maxAge: user['maxAge'] }),
  };
}
