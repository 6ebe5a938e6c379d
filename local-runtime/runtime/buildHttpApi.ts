import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { JSONWebKeySet } from 'jose';
import type { Clock } from '../clock/Clock';
import { corsConfigFromService } from '../http-api/cors/corsConfigFromService';
import { CorsPolicy } from '../http-api/cors/CorsPolicy';
import { HttpApi } from '../http-api/HttpApi';
import type { HttpApiEventV1 } from '../http-api/buildEventV1';
import { LambdaAuthorizer } from '../http-api/LambdaAuthorizer';
import { lambdaAuthorizers, payloadV1Routes } from './httpApiLambdaOptions';
import { JwtAuthorizer } from '../http-api/jwt/JwtAuthorizer';
import type { RouteAuthorizer, RouteDefinition } from '../http-api/Router';
import type { LocalFunction } from '../lambda/LocalFunction';
import type { HttpApiEventModel, ServiceModel } from '../service/ServiceModel';
import { ServiceConfigError } from './errors';
import { buildRestApi } from './buildRestApi';

/** Environment variable naming a JWKS file; wins over `custom.tidepool.jwks`. */
export const JWKS_ENV = 'TIDEPOOL_JWKS';

type Json = Record<string, unknown>;

/**
 * Route definitions from every function's `httpApi` events, in every form osls accepts:
 * `'*'` ($default), `'METHOD /path'`, `{ method, path }` with `method: '*'` for ANY, and an
 * optional `authorizer` (`name` or `{ name, scopes }`).
 */
export function httpRoutes(service: ServiceModel): RouteDefinition[] {
  const routes: RouteDefinition[] = [];
  for (const fn of Object.values(service.functions)) {
    for (const event of fn.events) {
      if (!('httpApi' in event)) continue;
      routes.push({ ...routeOf(event.httpApi as HttpApiEventModel | string), functionKey: fn.key });
    }
  }
  return routes;
}

/** The HTTP API emulation wired to the service's functions, with CORS and JWT authorizers from `provider.httpApi`. */
export function buildHttpApi(
  service: ServiceModel,
  functions: Map<string, LocalFunction>,
  clock: Clock,
  options: { warn?: (message: string) => void; env?: NodeJS.ProcessEnv } = {},
): HttpApi {
  const routes = httpRoutes(service);
  const cors = corsConfigFromService(service.httpApi['cors'], routes.map((r) => r.method));
  const env = options.env ?? process.env;
  const authorizers = buildAuthorizers(service, routes, env, options.warn ?? ((m) => console.warn(m)), functions);
  const rest = buildRestApi(service, functions, clock, () => {
    const problems: string[] = [];
    const keys = loadKeySet(service, env, problems);
    if (problems.length > 0) throw new ServiceConfigError(problems);
    return keys;
  });
  const payloadV1 = payloadV1Routes(service);
  return new HttpApi({
    ...(rest !== undefined && { rest }),
    ...(payloadV1.size > 0 && { payloadV1 }),
    routes,
    clock,
    region: service.region,
    accountId: service.accountId,
    ...(cors !== undefined && { cors: new CorsPolicy(cors) }),
    authorizers,
    invoke: (functionKey, event) => {
      const fn = functions.get(functionKey);
      if (!fn) throw new Error(`HTTP API route targets unknown function ${functionKey}`);
      // Payload 1.0 events carry the route key in requestContext.resourceId.
      const source = event.routeKey ?? (event as unknown as HttpApiEventV1).requestContext.resourceId;
      return fn.invoke(event, { type: 'httpApi', source });
    },
  });
}

function buildAuthorizers(
  service: ServiceModel, routes: RouteDefinition[], env: NodeJS.ProcessEnv, warn: (m: string) => void, functions: Map<string, LocalFunction>,
): Map<string, JwtAuthorizer | LambdaAuthorizer> {
  const configured = (service.httpApi['authorizers'] ?? {}) as Record<string, Json>;
  const problems: string[] = [];
  for (const route of routes) {
    if (route.authorizer && !(route.authorizer.name in configured)) {
      problems.push(`function ${route.functionKey}: httpApi authorizer "${route.authorizer.name}" is not configured in provider.httpApi.authorizers`);
    }
  }
  const authorizers = new Map<string, JwtAuthorizer | LambdaAuthorizer>();
  for (const [name, lambda] of lambdaAuthorizers(service, configured, problems)) {
    authorizers.set(name, new LambdaAuthorizer(lambda, (functionKey, event) => {
      const fn = functions.get(functionKey);
      if (!fn) throw new Error(`HTTP API authorizer ${name} targets unknown function ${functionKey}`);
      return fn.invoke(event, { type: 'authorizer', source: `httpApi ${name}` });
    }));
  }
  const names = Object.keys(configured).filter((name) => configured[name]?.['type'] !== 'request');
  const keySet = names.length > 0 ? loadKeySet(service, env, problems) : undefined;
  for (const name of names) {
    const config = configured[name] ?? {};
    if (config['type'] !== undefined && config['type'] !== 'jwt') {
      problems.push(`provider.httpApi.authorizers.${name}: type "${String(config['type'])}" is not an HTTP API authorizer type (jwt or request)`);
      continue;
    }
    const identitySource = [config['identitySource'] ?? '$request.header.Authorization'].flat()[0];
    authorizers.set(name, new JwtAuthorizer({
      name,
      identitySource: String(identitySource),
      issuerUrl: String(config['issuerUrl']),
      audience: [config['audience'] ?? []].flat().map(String),
    }, keySet));
  }
  if (problems.length > 0) throw new ServiceConfigError(problems);
  if (names.length > 0 && keySet === undefined) {
    warn(
      `\n[tidepool] WARNING: JWT authorizers (${names.join(', ')}) do NOT verify token signatures: no local key set is configured.\n` +
        `[tidepool] Tokens are only decoded; iss/aud/exp/nbf/iat and scopes are still checked.\n` +
        `[tidepool] Set ${JWKS_ENV}=<path to a JWKS file> or custom.tidepool.jwks in serverless.yml to verify signatures.\n`,
    );
  }
  return authorizers;
}

/** The local JWKS: `$TIDEPOOL_JWKS`, else `custom.tidepool.jwks` (relative to the service directory). */
function loadKeySet(service: ServiceModel, env: NodeJS.ProcessEnv, problems: string[]): JSONWebKeySet | undefined {
  const fromCustom = (service.custom?.['tidepool'] as Json | undefined)?.['jwks'];
  const path = env[JWKS_ENV] ?? (typeof fromCustom === 'string' ? fromCustom : undefined);
  if (path === undefined || path === '') return undefined;
  const file = isAbsolute(path) ? path : join(service.servicePath, path);
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as JSONWebKeySet;
    if (!Array.isArray(parsed.keys)) throw new Error('no "keys" array');
    return parsed;
  } catch (error) {
    problems.push(`JWKS file ${file} (from ${env[JWKS_ENV] !== undefined ? JWKS_ENV : 'custom.tidepool.jwks'}) cannot be used: ${(error as Error).message}`);
    return undefined;
  }
}

function routeOf(spec: HttpApiEventModel | string): Omit<RouteDefinition, 'functionKey'> {
  if (typeof spec === 'string') {
    if (spec.trim() === '*') return { method: '*', path: '*' };
    const [method = '', path = ''] = spec.trim().split(/\s+/, 2);
    return { method: method.toUpperCase(), path };
  }
  const full = spec as HttpApiEventModel & { authorizer?: unknown };
  const path = String(full.path);
  const method = path === '*' ? '*' : String(full.method ?? '').toUpperCase();
  const authorizer = authorizerOf(full.authorizer);
  return { method, path, ...(authorizer !== undefined && { authorizer }) };
}

function authorizerOf(value: unknown): RouteAuthorizer | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return { name: value, scopes: [] };
  const spec = value as Json;
  return { name: String(spec['name']), scopes: spec['scopes'] === undefined ? [] : [spec['scopes']].flat().map(String) };
}
