import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import type { LocalFunction } from '../lambda/LocalFunction';
import type { InvocationRecord } from '../lambda/types';
import type { FunctionEventModel, ServiceModel } from '../service/ServiceModel';
import { buildHttpApi, httpRoutes, JWKS_ENV } from './buildHttpApi';
import { ServiceConfigError } from './errors';

const dir = mkdtempSync(join(tmpdir(), 'tidepool-httpapi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function service(events: Record<string, FunctionEventModel[]>, httpApi: Record<string, unknown> = {}, custom?: Record<string, unknown>): ServiceModel {
  return {
    servicePath: dir, service: 'svc', stage: 'dev', region: 'us-east-1', accountId: '000000000000', runtime: 'nodejs20.x',
    functions: Object.fromEntries(Object.entries(events).map(([key, evs]) => [key, {
      key, name: `svc-dev-${key}`, handler: `${key}.handler`, timeout: 6, memorySize: 1024, environment: {}, events: evs,
    }])),
    resources: {}, httpApi, ...(custom && { custom }),
  };
}

function fakeFunctions(keys: string[]): Map<string, LocalFunction> {
  return new Map(keys.map((key) => [key, {
    invoke: async (event: unknown) => ({ functionKey: key, outcome: 'success', result: { key, event }, event } as unknown as InvocationRecord),
  } as unknown as LocalFunction]));
}

describe('httpApi events (every form osls accepts)', () => {
  // https://www.serverless.com/framework/docs/providers/aws/events/http-api
  it('reads "*", "METHOD /path", { method, path }, method "*" and authorizers', () => {
    const routes = httpRoutes(service({
      fallback: [{ httpApi: '*' }],
      list: [{ httpApi: 'get /items' }],
      create: [{ httpApi: { method: 'post', path: '/items', authorizer: { name: 'auth', scopes: ['items:write'] } } as never }],
      any: [{ httpApi: { method: '*', path: '/files/{proxy+}', authorizer: 'auth' } as never }],
    }));
    expect(routes).toEqual([
      { method: '*', path: '*', functionKey: 'fallback' },
      { method: 'GET', path: '/items', functionKey: 'list' },
      { method: 'POST', path: '/items', functionKey: 'create', authorizer: { name: 'auth', scopes: ['items:write'] } },
      { method: '*', path: '/files/{proxy+}', functionKey: 'any', authorizer: { name: 'auth', scopes: [] } },
    ]);
  });

  it('routes {proxy+} as ANY and everything else to $default', async () => {
    const api = buildHttpApi(service({ fallback: [{ httpApi: '*' }], any: [{ httpApi: { method: '*', path: '/files/{proxy+}' } }] }), fakeFunctions(['fallback', 'any']), new VirtualClock());
    const file = await api.handle({ method: 'DELETE', path: '/files/a/b.txt' });
    expect(file.route).toBe('ANY /files/{proxy+}');
    expect((file.invocation?.event as { pathParameters: unknown }).pathParameters).toEqual({ proxy: 'a/b.txt' });
    expect((await api.handle({ method: 'GET', path: '/nowhere' })).route).toBe('$default');
  });

  it('answers preflights from provider.httpApi.cors: true', async () => {
    const api = buildHttpApi(service({ list: [{ httpApi: 'GET /items' }] }, { cors: true }), fakeFunctions(['list']), new VirtualClock());
    const response = await api.handle({ method: 'OPTIONS', path: '/items', headers: { origin: 'https://x.example', 'access-control-request-method': 'GET' } });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-methods']).toBe('OPTIONS,GET');
  });
});

describe('JWT authorizer configuration', () => {
  const authorizers = { auth: { identitySource: '$request.header.Authorization', issuerUrl: 'https://issuer.example', audience: ['api'] } };
  const events = { me: [{ httpApi: { method: 'GET', path: '/me', authorizer: { name: 'auth' } } } as never] };

  it('warns loudly when no key set is configured (tokens are only decoded)', () => {
    const warnings: string[] = [];
    buildHttpApi(service(events, { authorizers }), fakeFunctions(['me']), new VirtualClock(), { env: {}, warn: (m) => warnings.push(m) });
    expect(warnings.join('')).toContain('do NOT verify token signatures');
  });

  it('loads the key set from custom.tidepool.jwks, or from $TIDEPOOL_JWKS, without warning', () => {
    writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys: [] }));
    const warnings: string[] = [];
    buildHttpApi(service(events, { authorizers }, { tidepool: { jwks: 'jwks.json' } }), fakeFunctions(['me']), new VirtualClock(), { env: {}, warn: (m) => warnings.push(m) });
    buildHttpApi(service(events, { authorizers }), fakeFunctions(['me']), new VirtualClock(), { env: { [JWKS_ENV]: join(dir, 'jwks.json') }, warn: (m) => warnings.push(m) });
    expect(warnings).toEqual([]);
  });

  it('rejects an unreadable key set, an unknown authorizer name and Lambda authorizers of functions outside the service at start', () => {
    const build = (s: ServiceModel) => () => buildHttpApi(s, fakeFunctions(['me']), new VirtualClock(), { env: {}, warn: () => undefined });
    expect(build(service(events, { authorizers }, { tidepool: { jwks: 'missing.json' } }))).toThrow(ServiceConfigError);
    expect(build(service(events, {}))).toThrow(/authorizer "auth" is not configured/);
    expect(build(service(events, { authorizers: { auth: { type: 'request', functionName: 'x' } } }))).toThrow(/function "x" is not a function of this service/);
  });
});
