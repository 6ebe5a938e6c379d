import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import { buildHttpApi } from '../runtime/buildHttpApi';
import type { FunctionEventModel } from '../service/ServiceModel';
import { fakeFunctions, restService, type FakeHandler } from './testing/restService';

const ok = (body: unknown = {}) => ({ statusCode: 200, body: JSON.stringify(body) });

function api(events: Record<string, FunctionEventModel[]>, handlers: Record<string, FakeHandler>, provider: Record<string, unknown> = {}) {
  const { functions, calls } = fakeFunctions(handlers);
  const clock = new VirtualClock();
  return { api: buildHttpApi(restService(events, provider), functions, clock), calls, clock };
}

describe('REST API proxy event (payload 1.0)', () => {
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
  it('sends the documented fields: resource, path, multi-value maps, pathParameters, requestContext with the stage', async () => {
    const { api: rest, calls } = api({ getUser: [{ http: 'GET users/{id}' }] }, { getUser: () => ok() });
    await rest.handle({
      method: 'GET', path: '/dev/users/42', query: 'a=1&a=2&b=x%20y',
      rawHeaders: ['Host', 'localhost', 'X-Custom', 'one', 'X-Custom', 'two', 'User-Agent', 'curl/8'],
    });
    const event = calls[0]?.event as Record<string, any>;
    expect(event).toMatchObject({
      resource: '/users/{id}', path: '/users/42', httpMethod: 'GET',
      headers: { Host: 'localhost', 'X-Custom': 'two', 'User-Agent': 'curl/8' },
      multiValueHeaders: { 'X-Custom': ['one', 'two'] },
      queryStringParameters: { a: '2', b: 'x y' },
      multiValueQueryStringParameters: { a: ['1', '2'], b: ['x y'] },
      pathParameters: { id: '42' }, stageVariables: null, body: null, isBase64Encoded: false,
    });
    expect(event.requestContext).toMatchObject({
      accountId: '123456789012', apiId: 'local', stage: 'dev', path: '/dev/users/42', resourcePath: '/users/{id}',
      httpMethod: 'GET', protocol: 'HTTP/1.1', identity: { sourceIp: '127.0.0.1', userAgent: 'curl/8' },
    });
    expect(event.requestContext.requestTimeEpoch).toBe(1767225600000);
    expect(event.requestContext.requestTime).toBe('01/Jan/2026:00:00:00 +0000');
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(calls[0]?.trigger).toEqual({ type: 'http', source: 'GET /dev/users/{id}' });
  });

  it('has null maps when there are no query parameters, and the body as text', async () => {
    const { api: rest, calls } = api({ create: [{ http: { method: 'post', path: '/items' } }] }, { create: () => ok() });
    await rest.handle({ method: 'POST', path: '/dev/items', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(calls[0]?.event).toMatchObject({ queryStringParameters: null, multiValueQueryStringParameters: null, pathParameters: null, body: '{"a":1}', isBase64Encoded: false });
  });

  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html
  it('base64-encodes bodies of provider.apiGateway.binaryMediaTypes', async () => {
    const { api: rest, calls } = api({ up: [{ http: 'PUT files' }] }, { up: () => ok() }, { apiGateway: { binaryMediaTypes: ['image/*'] } });
    await rest.handle({ method: 'PUT', path: '/dev/files', headers: { 'content-type': 'image/png' }, body: Buffer.from([0, 1, 2]) });
    expect(calls[0]?.event).toMatchObject({ body: 'AAEC', isBase64Encoded: true });
  });
});

describe('REST API routing and stage URLs', () => {
  const events = {
    literal: [{ http: 'GET users/me' }],
    param: [{ http: 'GET users/{id}' }],
    greedy: [{ http: 'ANY files/{proxy+}' }],
    root: [{ http: 'GET /' }],
    anyUser: [{ http: 'ANY users/{id}' }],
  };
  const handlers = Object.fromEntries(Object.keys(events).map((k) => [k, () => ok({ k })]));

  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-request.html#setup-method-resources
  it('prefers literal segments, then {param}, then {proxy+}; a method over ANY', async () => {
    const { api: rest } = api(events, handlers);
    expect((await rest.handle({ method: 'GET', path: '/dev/users/me' })).body).toBe('{"k":"literal"}');
    expect((await rest.handle({ method: 'GET', path: '/dev/users/7' })).body).toBe('{"k":"param"}');
    expect((await rest.handle({ method: 'DELETE', path: '/dev/users/7' })).body).toBe('{"k":"anyUser"}');
    expect((await rest.handle({ method: 'POST', path: '/dev/files/a/b.txt' })).body).toBe('{"k":"greedy"}');
    expect((await rest.handle({ method: 'GET', path: '/dev' })).body).toBe('{"k":"root"}');
  });

  // https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
  it('answers 403 Missing Authentication Token for an unknown resource or method, 403 Forbidden outside the stage', async () => {
    const { api: rest, calls } = api(events, handlers);
    const missing = await rest.handle({ method: 'GET', path: '/dev/nothing' });
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toBe('{"message":"Missing Authentication Token"}');
    expect(missing.headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException');
    expect((await rest.handle({ method: 'POST', path: '/dev/users/me' })).statusCode).toBe(403);
    const wrongStage = await rest.handle({ method: 'GET', path: '/prod/users/me' });
    expect([wrongStage.statusCode, wrongStage.body]).toEqual([403, '{"message":"Forbidden"}']);
    expect(calls).toHaveLength(0);
  });

  it('serves httpApi routes at the root beside REST routes under /{stage}', async () => {
    const { api: both } = api({ rest: [{ http: 'GET hello' }], v2: [{ httpApi: 'GET /hello' }] }, { rest: () => ok('rest'), v2: () => ok('v2') });
    expect((await both.handle({ method: 'GET', path: '/dev/hello' })).body).toBe('"rest"');
    expect((await both.handle({ method: 'GET', path: '/hello' })).body).toBe('"v2"');
    expect((await both.handle({ method: 'GET', path: '/nothing' })).statusCode).toBe(404);
  });
});

describe('REST API response mapping', () => {
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format
  it('merges headers and multiValueHeaders (the multi values win) and sends cookies', async () => {
    const { api: rest } = api({ f: [{ http: 'GET x' }] }, {
      f: () => ({ statusCode: 201, headers: { 'X-One': 'a', 'X-Both': 'single' }, multiValueHeaders: { 'X-Both': ['m1', 'm2'], 'Set-Cookie': ['a=1', 'b=2'] }, body: 'hi' }),
    });
    const response = await rest.handle({ method: 'GET', path: '/dev/x' });
    expect(response.statusCode).toBe(201);
    expect(response.headers).toMatchObject({ 'X-One': 'a', 'X-Both': 'm1, m2', 'Content-Type': 'application/json' });
    expect(response.cookies).toEqual(['a=1', 'b=2']);
    expect(response.body).toBe('hi');
  });

  it.each([
    ['a handler error', () => { throw new Error('boom'); }],
    ['no statusCode', () => ({ body: 'x' })],
    ['a non-string body', () => ({ statusCode: 200, body: { a: 1 } })],
    ['an unknown field', () => ({ statusCode: 200, body: '', cookies: ['a=1'] })],
    ['a string result', () => 'hello'],
  ])('answers 502 Internal server error for %s', async (_name, handler) => {
    const { api: rest } = api({ f: [{ http: 'GET x' }] }, { f: handler });
    const response = await rest.handle({ method: 'GET', path: '/dev/x' });
    expect([response.statusCode, response.body]).toEqual([502, '{"message": "Internal server error"}']);
  });
});

describe('REST API CORS', () => {
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html
  it('answers OPTIONS with the mock preflight osls defines for cors: true', async () => {
    const { api: rest, calls } = api({ a: [{ http: { method: 'get', path: 'items', cors: true } }], b: [{ http: { method: 'post', path: 'items', cors: true } }] }, { a: () => ok(), b: () => ok() });
    const response = await rest.handle({ method: 'OPTIONS', path: '/dev/items', headers: { origin: 'https://app.example' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'OPTIONS,GET,POST',
      'Access-Control-Allow-Headers': 'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,X-Amz-User-Agent,X-Amzn-Trace-Id',
    });
    expect(calls).toHaveLength(0);
  });

  it('echoes a matching origin of several, with credentials and max age', async () => {
    const cors = { origins: ['https://a.example', 'https://*.b.example'], allowCredentials: true, maxAge: 60 };
    const { api: rest } = api({ a: [{ http: { method: 'get', path: 'items', cors } }] }, { a: () => ok() });
    const response = await rest.handle({ method: 'OPTIONS', path: '/dev/items', headers: { origin: 'https://x.b.example' } });
    expect(response.headers).toMatchObject({ 'Access-Control-Allow-Origin': 'https://x.b.example', 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Max-Age': '60' });
  });
});

describe('REST API limits', () => {
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html (10 MB payload)
  it('refuses a body over 10 MB with 413 without invoking the function', async () => {
    const { api: rest, calls } = api({ f: [{ http: 'POST x' }] }, { f: () => ok() });
    const response = await rest.handle({ method: 'POST', path: '/dev/x', body: Buffer.alloc(10 * 1024 * 1024 + 1, 97) });
    expect(response.statusCode).toBe(413);
    expect(calls).toHaveLength(0);
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html (6 MB synchronous invocation payload)
  it('refuses an event over Lambda 6 MB payload with 413', async () => {
    const { api: rest, calls } = api({ f: [{ http: 'POST x' }] }, { f: () => ok() });
    const response = await rest.handle({ method: 'POST', path: '/dev/x', body: 'a'.repeat(6 * 1024 * 1024) });
    expect(response.statusCode).toBe(413);
    expect(calls).toHaveLength(0);
    expect((await rest.handle({ method: 'POST', path: '/dev/x', body: 'a'.repeat(5 * 1024 * 1024) })).statusCode).toBe(200);
  });
});
