import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import { buildHttpApi } from '../../runtime/buildHttpApi';
import type { FunctionEventModel } from '../../service/ServiceModel';
import { fakeFunctions, restService, type FakeHandler } from '../testing/restService';
import { evaluatePolicy } from './evaluatePolicy';

const ARN = 'arn:aws:execute-api:us-east-1:123456789012:local/dev';
const policy = (effect: 'Allow' | 'Deny', resource: string | string[]) => ({
  Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
});

function api(events: Record<string, FunctionEventModel[]>, handlers: Record<string, FakeHandler>) {
  const { functions, calls } = fakeFunctions(handlers);
  const clock = new VirtualClock();
  return { api: buildHttpApi(restService(events), functions, clock), calls, clock };
}

const hello = () => ({ statusCode: 200, body: 'hi' });

describe('policy evaluation', () => {
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
  it('needs an Allow; an explicit Deny wins; * and ? are wildcards', () => {
    expect(evaluatePolicy(policy('Allow', `${ARN}/GET/users/1`), `${ARN}/GET/users/1`)).toBe('allow');
    expect(evaluatePolicy(policy('Allow', `${ARN}/GET/users/*`), `${ARN}/GET/users/1/orders`)).toBe('allow');
    expect(evaluatePolicy(policy('Allow', `${ARN}/GET/users/?`), `${ARN}/GET/users/12`)).toBe('deny');
    expect(evaluatePolicy(policy('Allow', `${ARN}/POST/*`), `${ARN}/GET/users`)).toBe('deny');
    const both = { Statement: [...policy('Allow', '*').Statement, ...policy('Deny', `${ARN}/DELETE/*`).Statement] };
    expect(evaluatePolicy(both, `${ARN}/DELETE/users/1`)).toBe('deny');
    expect(evaluatePolicy(both, `${ARN}/GET/users/1`)).toBe('allow');
    expect(evaluatePolicy({ Statement: [{ Effect: 'Maybe', Action: '*', Resource: '*' }] }, ARN)).toBeUndefined();
  });
});

describe('Lambda TOKEN authorizers', () => {
  const events = {
    auth: [],
    getUser: [{ http: { method: 'get', path: 'users/{id}', authorizer: { name: 'auth', resultTtlInSeconds: 60, identityValidationExpression: 'Bearer .+' } } }],
    deleteUser: [{ http: { method: 'delete', path: 'users/{id}', authorizer: { name: 'auth', resultTtlInSeconds: 60, identityValidationExpression: 'Bearer .+' } } }],
  } as Record<string, FunctionEventModel[]>;
  const auth: FakeHandler = (event) => {
    if (event['authorizationToken'] === 'Bearer bad') throw new Error('Unauthorized');
    if (event['authorizationToken'] === 'Bearer broken') throw new Error('database down');
    return { principalId: 'user-1', policyDocument: policy('Allow', `${ARN}/GET/*`), context: { tenant: 't-1', admin: false, level: 3 } };
  };

  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html
  it('sends { type, authorizationToken, methodArn } and passes principalId and context to the handler', async () => {
    const { api: rest, calls } = api(events, { auth, getUser: hello, deleteUser: hello });
    const response = await rest.handle({ method: 'GET', path: '/dev/users/1', headers: { authorization: 'Bearer good' } });
    expect(response.statusCode).toBe(200);
    expect(calls[0]).toMatchObject({ key: 'auth', trigger: { type: 'authorizer' }, event: { type: 'TOKEN', authorizationToken: 'Bearer good', methodArn: `${ARN}/GET/users/1` } });
    expect((calls[1]?.event as any).requestContext.authorizer).toEqual({ principalId: 'user-1', integrationLatency: 0, tenant: 't-1', admin: 'false', level: '3' });
  });

  it('answers 401 without calling the authorizer when the token is missing or fails identityValidationExpression', async () => {
    const { api: rest, calls } = api(events, { auth, getUser: hello, deleteUser: hello });
    for (const headers of [{}, { authorization: 'Basic abc' }]) {
      const response = await rest.handle({ method: 'GET', path: '/dev/users/1', headers });
      expect([response.statusCode, response.body]).toEqual([401, '{"message":"Unauthorized"}']);
    }
    expect(calls).toHaveLength(0);
  });

  it('answers 401 for an Unauthorized error, 500 for another error, 403 for a policy that does not allow the method', async () => {
    const { api: rest } = api(events, { auth, getUser: hello, deleteUser: hello });
    expect((await rest.handle({ method: 'GET', path: '/dev/users/1', headers: { authorization: 'Bearer bad' } })).statusCode).toBe(401);
    const broken = await rest.handle({ method: 'GET', path: '/dev/users/1', headers: { authorization: 'Bearer broken' } });
    expect([broken.statusCode, broken.body, broken.headers['x-amzn-errortype']]).toEqual([500, '{"message": null}', 'AuthorizerConfigurationException']);
    const denied = await rest.handle({ method: 'DELETE', path: '/dev/users/1', headers: { authorization: 'Bearer good' } });
    expect([denied.statusCode, denied.body]).toEqual([403, '{"Message":"User is not authorized to access this resource"}']);
  });

  // https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html (resultTtlInSeconds)
  it('caches the policy per token for resultTtlInSeconds on the runtime clock, evaluated per method ARN', async () => {
    const { api: rest, calls, clock } = api(events, { auth, getUser: hello, deleteUser: hello });
    const headers = { authorization: 'Bearer good' };
    await rest.handle({ method: 'GET', path: '/dev/users/1', headers });
    await rest.handle({ method: 'GET', path: '/dev/users/2', headers });
    expect((await rest.handle({ method: 'DELETE', path: '/dev/users/2', headers })).statusCode).toBe(403);
    expect(calls.filter((c) => c.key === 'auth')).toHaveLength(1);
    clock.advance(60_000);
    await rest.handle({ method: 'GET', path: '/dev/users/1', headers });
    expect(calls.filter((c) => c.key === 'auth')).toHaveLength(2);
  });
});

describe('Lambda REQUEST authorizers', () => {
  it('sends the request (headers, query, path parameters, methodArn) and reads several identity sources', async () => {
    const events = {
      auth: [],
      f: [{ http: { method: 'get', path: 'items/{id}', authorizer: { name: 'auth', type: 'request', identitySource: 'method.request.header.X-Tenant, method.request.querystring.key' } } }],
    } as Record<string, FunctionEventModel[]>;
    const { api: rest, calls } = api(events, { auth: () => ({ principalId: 'p', policyDocument: policy('Allow', '*') }), f: hello });
    expect((await rest.handle({ method: 'GET', path: '/dev/items/9', headers: { 'x-tenant': 't' } })).statusCode).toBe(401);
    const response = await rest.handle({ method: 'GET', path: '/dev/items/9', query: 'key=k', headers: { 'x-tenant': 't' } });
    expect(response.statusCode).toBe(200);
    expect(calls[0]?.event).toMatchObject({
      type: 'REQUEST', methodArn: `${ARN}/GET/items/9`, resource: '/items/{id}', path: '/items/9', httpMethod: 'GET',
      headers: { 'x-tenant': 't' }, queryStringParameters: { key: 'k' }, pathParameters: { id: '9' },
    });
  });

  it('answers 500 when the answer has no policyDocument', async () => {
    const events = { auth: [], f: [{ http: { method: 'get', path: 'x', authorizer: { name: 'auth', type: 'request', resultTtlInSeconds: 0 } } }] } as Record<string, FunctionEventModel[]>;
    const { api: rest } = api(events, { auth: () => ({ principalId: 'p' }), f: hello });
    expect((await rest.handle({ method: 'GET', path: '/dev/x' })).statusCode).toBe(500);
  });
});
