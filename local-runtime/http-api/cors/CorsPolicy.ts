import type { HttpApiResponse } from '../types';

/** A CORS configuration as API Gateway stores it (`CorsConfiguration` of an HTTP API). */
export interface CorsConfig {
  allowOrigins: string[];
  allowHeaders: string[];
  allowMethods: string[];
  allowCredentials: boolean;
  exposeHeaders: string[];
  /** Seconds; absent when not configured. */
  maxAge?: number;
}

type Response = Omit<HttpApiResponse, 'route' | 'invocation'>;

/**
 * API Gateway's CORS handling for HTTP APIs
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html): it answers
 * preflight `OPTIONS` requests itself (even without an OPTIONS route), adds the configured headers
 * to responses of requests that carry an `origin`, and ignores CORS headers from the integration.
 */
export class CorsPolicy {
  readonly #config: CorsConfig;
  readonly #lowerHeaders: Set<string>;
  readonly #methods: Set<string>;

  constructor(config: CorsConfig) {
    this.#config = config;
    this.#lowerHeaders = new Set(config.allowHeaders.map((h) => h.toLowerCase()));
    this.#methods = new Set(config.allowMethods.map((m) => m.toUpperCase()));
  }

  /** True for a preflight: `OPTIONS` with `origin` and `access-control-request-method` headers. */
  isPreflight(method: string, headers: Record<string, string>): boolean {
    return method.toUpperCase() === 'OPTIONS' && headers['origin'] !== undefined && headers['access-control-request-method'] !== undefined;
  }

  /** API Gateway's own answer to a preflight: 204, with the CORS headers when origin, method and headers are allowed. */
  preflight(headers: Record<string, string>): Response {
    const origin = headers['origin'] ?? '';
    const method = (headers['access-control-request-method'] ?? '').toUpperCase();
    const requested = (headers['access-control-request-headers'] ?? '').split(',').map((h) => h.trim().toLowerCase()).filter((h) => h !== '');
    const allowed = this.#allowOrigin(origin) !== undefined
      && (this.#methods.has('*') || this.#methods.has(method))
      && (this.#lowerHeaders.has('*') || requested.every((h) => this.#lowerHeaders.has(h)));
    if (!allowed) return { statusCode: 204, headers: {}, body: '', isBase64Encoded: false };
    const out: Record<string, string> = {
      'access-control-allow-origin': this.#allowOrigin(origin) as string,
      'access-control-allow-methods': this.#config.allowMethods.join(','),
    };
    if (this.#config.allowHeaders.length > 0) out['access-control-allow-headers'] = this.#config.allowHeaders.map((h) => h.toLowerCase()).join(',');
    if (this.#config.allowCredentials) out['access-control-allow-credentials'] = 'true';
    if (this.#config.maxAge !== undefined) out['access-control-max-age'] = String(this.#config.maxAge);
    return { statusCode: 204, headers: out, body: '', isBase64Encoded: false };
  }

  /** The integration's response with its own CORS headers dropped and the configured ones added (when the origin is allowed). */
  decorate(requestHeaders: Record<string, string>, response: Response): Response {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (!name.toLowerCase().startsWith('access-control-')) headers[name] = value;
    }
    const origin = requestHeaders['origin'];
    const allowOrigin = origin === undefined ? undefined : this.#allowOrigin(origin);
    if (allowOrigin !== undefined) {
      headers['access-control-allow-origin'] = allowOrigin;
      if (this.#config.allowCredentials) headers['access-control-allow-credentials'] = 'true';
      if (this.#config.exposeHeaders.length > 0) headers['access-control-expose-headers'] = this.#config.exposeHeaders.join(',');
    }
    return { ...response, headers };
  }

  /** `*`, or the request's origin when it is listed (exactly, or by an `https://*` / `http://*` scheme wildcard). */
  #allowOrigin(origin: string): string | undefined {
    for (const allowed of this.#config.allowOrigins) {
      if (allowed === '*') return '*';
      if (allowed === origin) return origin;
      if (allowed.endsWith('://*') && origin.startsWith(allowed.slice(0, -1))) return origin;
    }
    return undefined;
  }
}
