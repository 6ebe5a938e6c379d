import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import { buildHttpApi } from '../runtime/buildHttpApi';
import { ServiceConfigError } from '../runtime/errors';
import type { FunctionEventModel } from '../service/ServiceModel';
import { fakeFunctions, restService, type FakeHandler } from '../rest-api/testing/restService';

function api(events: Record<string, FunctionEventModel[]>, handlers: Record<string, FakeHandler>, httpApi: Record<string, unknown>) {
  const { functions, calls } = fakeFunctions(handlers);
  const service = { ...restService(events), httpApi };
  const clock = new VirtualClock();
  return { api: buildHttpApi(service, functions, clock, { env: {}, warn: () => undefined }), calls, clock };
}

const hello = () => ({ statusCode: 200, body: 'hi' });
const route = (authorizer: string) => [{ httpApi: { method: 'GET', path: '/items/{id}', authorizer } } as unknown as FunctionEventModel];

describe('HTTP API Lambda authorizers', () => {
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
  it('simple responses (payload 2.0): isAuthorized and context reach requestContext.authorizer.lambda; false is 403', async () => {
    const { api: http, calls, clock } = api({ auth: [], get: route('simple') }, {
      auth: (e) => ({ isAuthorized: (e['identitySource'] as string[])[0] === 'ok', context: { tenant: 't1' } }),
      get: hello,
    }, { authorizers: { simple: { type: 'request', functionName: 'auth', enableSimpleResponses: true, identitySource: '$request.header.Authorization', resultTtlInSeconds: 30 } } });
    expect((await http.handle({ method: 'GET', path: '/items/1' })).statusCode).toBe(401);
    expect((await http.handle({ method: 'GET', path: '/items/1', headers: { authorization: 'ok' } })).statusCode).toBe(200);
    expect(calls[0]?.event).toMatchObject({ version: '2.0', type: 'REQUEST', routeArn: 'arn:aws:execute-api:us-east-1:123456789012:local/$default/GET/items/1', identitySource: ['ok'], rawPath: '/items/1' });
    expect((calls[1]?.event as any).requestContext.authorizer).toEqual({ lambda: { tenant: 't1' } });
    await http.handle({ method: 'GET', path: '/items/2', headers: { authorization: 'ok' } });
    expect(calls.filter((c) => c.key === 'auth')).toHaveLength(1);
    clock.advance(30_000);
    const denied = await http.handle({ method: 'GET', path: '/items/1', headers: { authorization: 'no' } });
    expect([denied.statusCode, denied.body]).toEqual([403, '{"message":"Forbidden"}']);
  });

  it('IAM policy responses (payload 1.0): methodArn, allow per route ARN, 500 on error', async () => {
    const { api: http, calls } = api({ auth: [], get: route('iam') }, {
      auth: (e) => {
        if (e['headers'] && (e['headers'] as any)['x-fail']) throw new Error('boom');
        return { principalId: 'u', policyDocument: { Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: String(e['methodArn']).replace(/\/items\/.*/, '/items/1') }] } };
      },
      get: hello,
    }, { authorizers: { iam: { type: 'request', functionName: 'auth', payloadVersion: '1.0', identitySource: ['$request.header.X-Key'] } } });
    expect((await http.handle({ method: 'GET', path: '/items/1', headers: { 'x-key': 'k' } })).statusCode).toBe(200);
    expect(calls[0]?.event).toMatchObject({ version: '1.0', type: 'REQUEST', httpMethod: 'GET', resource: '/items/{id}', identitySource: 'k' });
    expect((await http.handle({ method: 'GET', path: '/items/2', headers: { 'x-key': 'k' } })).statusCode).toBe(403);
    const failed = await http.handle({ method: 'GET', path: '/items/1', headers: { 'x-key': 'k', 'x-fail': '1' } });
    expect([failed.statusCode, failed.body]).toEqual([500, '{"message":"Internal Server Error"}']);
  });

  it('refuses an authorizer whose function is not in the service', () => {
    expect(() => api({ get: route('x') }, { get: hello }, { authorizers: { x: { type: 'request', functionName: 'nope' } } })).toThrow(ServiceConfigError);
  });
});

describe('payload format 1.0 on httpApi', () => {
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.proxy-format
  it('sends the 1.0 event and maps the 1.0 response when provider.httpApi.payload is 1.0', async () => {
    const { api: http, calls } = api({ get: [{ httpApi: 'GET /items/{id}' }] }, {
      get: () => ({ statusCode: 202, multiValueHeaders: { 'X-A': ['1', '2'] }, body: 'ok' }),
    }, { payload: '1.0' });
    const response = await http.handle({ method: 'GET', path: '/items/7', query: 'a=1&a=2', headers: { 'X-Up': 'v' } });
    expect(calls[0]?.event).toMatchObject({
      version: '1.0', resource: '/items/{id}', path: '/items/7', httpMethod: 'GET', headers: { 'x-up': 'v' },
      multiValueQueryStringParameters: { a: ['1', '2'] }, pathParameters: { id: '7' }, requestContext: { stage: '$default', resourcePath: '/items/{id}' },
    });
    expect(calls[0]?.trigger.source).toBe('GET /items/{id}');
    expect([response.statusCode, response.headers['x-a'], response.body]).toEqual([202, '1, 2', 'ok']);
    const { api: bad } = api({ get: [{ httpApi: 'GET /x' }] }, { get: () => 'text' }, { payload: '1.0' });
    expect((await bad.handle({ method: 'GET', path: '/x' })).statusCode).toBe(500);
  });
});
