import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import { buildHttpApi, JWKS_ENV } from '../runtime/buildHttpApi';
import { ServiceConfigError } from '../runtime/errors';
import type { FunctionEventModel } from '../service/ServiceModel';
import { fakeFunctions, restService, type FakeHandler } from './testing/restService';

const hello = () => ({ statusCode: 200, body: 'hi' });

function api(events: Record<string, FunctionEventModel[]>, handlers: Record<string, FakeHandler>, provider: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = {}) {
  const { functions, calls } = fakeFunctions(handlers);
  const clock = new VirtualClock();
  return { api: buildHttpApi(restService(events, provider), functions, clock, { env, warn: () => undefined }), calls, clock };
}

describe('API keys (private: true)', () => {
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
  it('requires x-api-key to be one of provider.apiGateway.apiKeys, else 403 Forbidden', async () => {
    const { api: rest, calls } = api(
      { f: [{ http: { method: 'get', path: 'x', private: true } }] },
      { f: hello },
      { apiGateway: { apiKeys: ['generated', { name: 'fixed', value: 'fixed-key-value-1234567890' }, { free: ['planKey'] }] } },
    );
    const keys = rest.rest?.apiKeys ?? [];
    expect(keys.map((k) => [k.name, k.usagePlan])).toEqual([['generated', undefined], ['fixed', undefined], ['planKey', 'free']]);
    expect(keys[0]?.value).toMatch(/^[A-Za-z0-9]{40}$/);
    expect((await rest.handle({ method: 'GET', path: '/dev/x' })).body).toBe('{"message":"Forbidden"}');
    expect((await rest.handle({ method: 'GET', path: '/dev/x', headers: { 'x-api-key': 'nope' } })).statusCode).toBe(403);
    expect((await rest.handle({ method: 'GET', path: '/dev/x', headers: { 'x-api-key': 'fixed-key-value-1234567890' } })).statusCode).toBe(200);
    expect((calls[0]?.event as any).requestContext.identity.apiKey).toBe('fixed-key-value-1234567890');
  });
});

describe('request validation', () => {
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html
  const events = {
    f: [{
      http: {
        method: 'post', path: 'items',
        request: {
          parameters: { querystrings: { dryRun: true, debug: false }, headers: { 'X-Tenant': { required: true } } },
          schemas: { 'application/json': { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } },
        },
      },
    }],
  } as Record<string, FunctionEventModel[]>;

  it('answers 400 naming missing required parameters', async () => {
    const { api: rest, calls } = api(events, { f: hello });
    const response = await rest.handle({ method: 'POST', path: '/dev/items', body: '{"name":"a"}' });
    expect([response.statusCode, response.body]).toEqual([400, '{"message":"Missing required request parameters: [dryRun, X-Tenant]"}']);
    expect(response.headers['x-amzn-errortype']).toBe('BadRequestException');
    expect(calls).toHaveLength(0);
  });

  it('answers 400 Invalid request body when the JSON body does not match the schema', async () => {
    const { api: rest } = api(events, { f: hello });
    const headers = { 'x-tenant': 't', 'content-type': 'application/json' };
    expect((await rest.handle({ method: 'POST', path: '/dev/items', query: 'dryRun=1', headers, body: '{"name":1}' })).body).toBe('{"message":"Invalid request body"}');
    expect((await rest.handle({ method: 'POST', path: '/dev/items', query: 'dryRun=1', headers, body: '{"name":"ok"}' })).statusCode).toBe(200);
  });
});

describe('integration: lambda (non-proxy)', () => {
  const events = { f: [{ http: { method: 'post', path: 'users/{id}', integration: 'lambda' } }] } as Record<string, FunctionEventModel[]>;

  it("sends osls's default request template and answers 200 with the result's JSON", async () => {
    const { api: rest, calls } = api(events, { f: () => ({ saved: true }) });
    const response = await rest.handle({ method: 'POST', path: '/dev/users/7', query: 'q=1', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect([response.statusCode, response.body]).toEqual([200, '{"saved":true}']);
    expect(calls[0]?.event).toMatchObject({ body: { a: 1 }, method: 'POST', stage: 'dev', path: { id: '7' }, query: { q: '1' }, requestPath: '/users/{id}' });
  });

  it('maps "[404] …" errors to 404 and unmatched errors to the default 200', async () => {
    const { api: rest } = api(events, { f: (e) => { throw new Error((e['query'] as any).q === 'x' ? '[404] Not found' : 'oops'); } });
    const notFound = await rest.handle({ method: 'POST', path: '/dev/users/7', query: 'q=x' });
    expect(notFound.statusCode).toBe(404);
    expect(JSON.parse(notFound.body)).toMatchObject({ errorMessage: '[404] Not found' });
    expect((await rest.handle({ method: 'POST', path: '/dev/users/7' })).statusCode).toBe(200);
  });
});

describe('Cognito user-pool authorizers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tidepool-rest-cognito-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const poolArn = 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Pool1';

  it('checks tokens against the local key set and the pool issuer, and passes the claims', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwks = join(dir, 'jwks.json');
    writeFileSync(jwks, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }] }));
    const events = { f: [{ http: { method: 'get', path: 'me', authorizer: { name: 'pool', arn: poolArn } } }] } as Record<string, FunctionEventModel[]>;
    const { api: rest, calls, clock } = api(events, { f: hello }, {}, { [JWKS_ENV]: jwks });
    const sign = (iss: string) => new SignJWT({ 'cognito:username': 'ann' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(iss).setSubject('u-1').setAudience('client').setIssuedAt(clock.now() / 1000).setExpirationTime(clock.now() / 1000 + 3600).sign(privateKey);
    const good = await sign('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool1');
    expect((await rest.handle({ method: 'GET', path: '/dev/me', headers: { authorization: good } })).statusCode).toBe(200);
    expect((calls[0]?.event as any).requestContext.authorizer.claims).toMatchObject({ sub: 'u-1', 'cognito:username': 'ann' });
    const other = await sign('https://cognito-idp.us-east-1.amazonaws.com/other');
    expect((await rest.handle({ method: 'GET', path: '/dev/me', headers: { authorization: other } })).statusCode).toBe(401);
    expect((await rest.handle({ method: 'GET', path: '/dev/me' })).statusCode).toBe(401);
  });
});

describe('bad http events stop start, naming the function and the event', () => {
  it.each([
    [{ http: { method: 'get', path: 'x', authorizer: 'aws_iam' } }, 'AWS_IAM authorization is not emulated'],
    [{ http: { method: 'get', path: 'x', authorizer: 'missingFn' } }, 'is not a function of this service'],
    [{ http: { method: 'fetch', path: 'x' } }, 'method "fetch" is not one of'],
    [{ http: { method: 'get', path: 'a/{proxy+}/b' } }, 'is not a valid resource path'],
    [{ http: { method: 'get', path: 'x', integration: 'mock' } }, 'integration "mock" is not emulated'],
    [{ http: { method: 'get', path: 'x', authorizer: { name: 'f', identitySource: 'header.Auth' } } }, 'identitySource "header.Auth"'],
  ])('%j', (event, message) => {
    const { functions } = fakeFunctions({ f: hello });
    const build = () => buildHttpApi(restService({ f: [event as FunctionEventModel] }), functions, new VirtualClock());
    expect(build).toThrow(ServiceConfigError);
    expect(build).toThrow(/function f: events\[0\]\.http: /);
    expect(build).toThrow(message);
  });
});
