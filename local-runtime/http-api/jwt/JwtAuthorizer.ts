import { compactVerify, createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors, type JSONWebKeySet } from 'jose';

/** A JWT authorizer of `provider.httpApi.authorizers` (type jwt). */
export interface JwtAuthorizerConfig {
  name: string;
  /** `$request.header.Authorization` (default) or `$request.querystring.<name>`. */
  identitySource: string;
  issuerUrl: string;
  audience: string[];
  /** Accept any issuer (a Cognito user-pool authorizer whose pool id is not known locally). */
  anyIssuer?: boolean;
  /** Accept any audience (Cognito user-pool authorizers take tokens of every app client of the pool). */
  anyAudience?: boolean;
}

/** The outcome of authorizing one request. */
export type JwtDecision =
  | { allowed: true; claims: Record<string, string>; scopes: string[] | null }
  | { allowed: false; statusCode: 401 | 403; reason: string };

/** API Gateway supports only RSA-based algorithms for JWT authorizers. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512'];

/**
 * API Gateway's JWT authorizer for HTTP APIs
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html):
 * token from the identity source (optionally `Bearer `-prefixed), RSA signature checked against
 * the local key set (when one is configured, else only decoded), then `iss`, `aud` (or
 * `client_id` when there is no `aud`), `exp`, `nbf`, `iat` and the route's scopes (`scope`/`scp`,
 * at least one). Claims reach the integration as strings.
 */
export class JwtAuthorizer {
  readonly #keys: ReturnType<typeof createLocalJWKSet> | undefined;

  constructor(readonly config: JwtAuthorizerConfig, keySet: JSONWebKeySet | undefined) {
    this.#keys = keySet === undefined ? undefined : createLocalJWKSet(keySet);
  }

  /** Whether signatures are checked (a key set is configured). */
  get verifiesSignatures(): boolean {
    return this.#keys !== undefined;
  }

  async authorize(request: { headers: Record<string, string>; query: Record<string, string> }, routeScopes: string[], nowMs: number): Promise<JwtDecision> {
    const raw = this.#identity(request);
    if (raw === undefined || raw.trim() === '') return deny(401, 'no token in the identity source');
    const token = raw.replace(/^Bearer\s+/i, '').trim();
    let payload: Record<string, unknown>;
    try {
      const header = decodeProtectedHeader(token);
      if (!ALGORITHMS.includes(String(header.alg))) return deny(401, `algorithm ${String(header.alg)} is not supported`);
      if (this.#keys !== undefined) await compactVerify(token, this.#keys, { algorithms: ALGORITHMS });
      payload = decodeJwt(token) as Record<string, unknown>;
    } catch (error) {
      if (error instanceof errors.JOSEError || error instanceof TypeError) return deny(401, `invalid token (${(error as Error).message})`);
      throw error;
    }
    const now = nowMs / 1000;
    if (this.config.anyIssuer !== true && payload['iss'] !== this.config.issuerUrl) return deny(401, 'issuer does not match');
    const audiences = payload['aud'] !== undefined ? [payload['aud']].flat() : payload['client_id'] !== undefined ? [payload['client_id']] : [];
    if (this.config.anyAudience !== true && !audiences.some((a) => this.config.audience.includes(String(a)))) return deny(401, 'audience does not match');
    if (typeof payload['exp'] !== 'number' || payload['exp'] <= now) return deny(401, 'token expired');
    if (typeof payload['nbf'] === 'number' && payload['nbf'] > now) return deny(401, 'token not yet valid');
    if (typeof payload['iat'] === 'number' && payload['iat'] > now) return deny(401, 'token issued in the future');
    const tokenScopes = scopesOf(payload);
    if (routeScopes.length > 0 && !routeScopes.some((s) => tokenScopes?.includes(s))) return deny(403, 'required scope missing');
    return { allowed: true, claims: stringifyClaims(payload), scopes: tokenScopes };
  }

  #identity(request: { headers: Record<string, string>; query: Record<string, string> }): string | undefined {
    const source = this.config.identitySource;
    const header = /^\$request\.header\.(.+)$/.exec(source);
    if (header) return request.headers[(header[1] as string).toLowerCase()];
    const query = /^\$request\.querystring\.(.+)$/.exec(source);
    if (query) return request.query[query[1] as string];
    return undefined;
  }
}

function deny(statusCode: 401 | 403, reason: string): JwtDecision {
  return { allowed: false, statusCode, reason };
}

function scopesOf(payload: Record<string, unknown>): string[] | null {
  const value = payload['scope'] ?? payload['scp'];
  if (typeof value === 'string') return value.split(' ').filter((s) => s !== '');
  if (Array.isArray(value)) return value.map(String);
  return null;
}

/** Claims as API Gateway passes them in payload 2.0: strings; arrays as `[a b]`; objects as JSON. */
function stringifyClaims(payload: Record<string, unknown>): Record<string, string> {
  // fromEntries: a claim may be named anything, `__proto__` included.
  return Object.fromEntries(
    Object.entries(payload).map(([name, value]) => [
      name,
      typeof value === 'string' ? value
        : Array.isArray(value) ? `[${value.map(String).join(' ')}]`
        : typeof value === 'object' && value !== null ? JSON.stringify(value)
        : String(value),
    ]),
  );
}
