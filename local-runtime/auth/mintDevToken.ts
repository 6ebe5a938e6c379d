import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importJWK, SignJWT, type JWK } from 'jose';

/** The reference service's DEV-ONLY signing key (its public half is infra/local/jwks.json). */
export const DEV_SIGNING_KEY = 'infra/local/dev-signing-key.DEV-ONLY.jwk.json';

/** Claims of a dev token; defaults match the dev stage's authorizer in serverless.yml. */
export interface DevTokenOptions {
  sub: string;
  /** Space-separated in the `scope` claim, as API Gateway reads it (e.g. `tidepool/admin`). */
  scopes?: readonly string[];
  issuer?: string;
  audience?: string;
  /** Lifetime in seconds (default 3600). */
  expiresInSeconds?: number;
  /** Issue time (default: now). */
  now?: Date;
  /** Directory holding infra/local (default: the current directory). */
  servicePath?: string;
}

/**
 * Signs a JWT (RS256; API Gateway JWT authorizers accept RSA signatures only) with the DEV-ONLY key for the local dev stage's `users` authorizer.
 *
 * @example
 * const token = await mintDevToken({ sub: 'customer-42' });
 * await runtime.http('GET', '/orders', undefined, { authorization: `Bearer ${token}` });
 */
export async function mintDevToken(options: DevTokenOptions): Promise<string> {
  const jwk = JSON.parse(readFileSync(join(options.servicePath ?? process.cwd(), DEV_SIGNING_KEY), 'utf8')) as JWK & { '//'?: string };
  const { '//': _note, ...key } = jwk;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ ...(options.scopes?.length ? { scope: options.scopes.join(' ') } : {}) })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid ?? 'tidepool-dev-1', typ: 'JWT' })
    .setSubject(options.sub)
    .setIssuer(options.issuer ?? process.env['TIDEPOOL_JWT_ISSUER'] ?? 'https://auth.tidepool.local/dev')
    .setAudience(options.audience ?? process.env['TIDEPOOL_JWT_AUDIENCE'] ?? 'tidepool-api')
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresInSeconds ?? 3600))
    .sign(await importJWK(key, 'RS256'));
}
