import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import type { InvocationRecord } from '../../lambda/types';
import { HttpApi } from '../HttpApi';
import { CorsPolicy, type CorsConfig } from './CorsPolicy';
import { corsConfigFromService } from './corsConfigFromService';

// Behaviour imitated: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
const config: CorsConfig = {
  allowOrigins: ['https://app.example.com', 'http://*'],
  allowHeaders: ['Content-Type', 'Authorization'],
  allowMethods: ['GET', 'POST', 'OPTIONS'],
  allowCredentials: true,
  exposeHeaders: ['x-request-id'],
  maxAge: 300,
};

function api(cors: CorsPolicy, result: unknown = { statusCode: 200, headers: { 'access-control-allow-origin': 'https://evil.example' }, body: 'ok' }) {
  const invoked: string[] = [];
  const httpApi = new HttpApi({
    routes: [{ method: 'GET', path: '/items', functionKey: 'list' }],
    clock: new VirtualClock(),
    region: 'us-east-1',
    accountId: '000000000000',
    cors,
    invoke: async (functionKey) => {
      invoked.push(functionKey);
      return { outcome: 'success', result } as InvocationRecord;
    },
  });
  return { httpApi, invoked };
}

describe('CORS (provider.httpApi.cors)', () => {
  it('answers a preflight itself, without an OPTIONS route and without invoking anything', async () => {
    const { httpApi, invoked } = api(new CorsPolicy(config));
    const response = await httpApi.handle({
      method: 'OPTIONS', path: '/items',
      headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });

    expect(response.statusCode).toBe(204);
    expect(response.headers).toEqual({
      'access-control-allow-origin': 'https://app.example.com',
      'access-control-allow-methods': 'GET,POST,OPTIONS',
      'access-control-allow-headers': 'content-type,authorization',
      'access-control-allow-credentials': 'true',
      'access-control-max-age': '300',
    });
    expect(invoked).toEqual([]);
  });

  it('gives no CORS headers to a preflight from an origin, method or header that is not allowed', async () => {
    const { httpApi } = api(new CorsPolicy(config));
    for (const headers of [
      { origin: 'https://other.example', 'access-control-request-method': 'GET' },
      { origin: 'https://app.example.com', 'access-control-request-method': 'DELETE' },
      { origin: 'https://app.example.com', 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-secret' },
    ]) {
      const response = await httpApi.handle({ method: 'OPTIONS', path: '/items', headers });
      expect(response.statusCode).toBe(204);
      expect(response.headers).toEqual({});
    }
  });

  it('adds the configured headers to a CORS response and ignores the integration\'s own CORS headers', async () => {
    const { httpApi } = api(new CorsPolicy(config));
    const response = await httpApi.handle({ method: 'GET', path: '/items', headers: { origin: 'http://localhost:3000' } });

    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'access-control-allow-origin': 'http://localhost:3000',
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'x-request-id',
    });
  });

  it('adds no CORS headers to a request without an origin', async () => {
    const { httpApi } = api(new CorsPolicy(config));
    const response = await httpApi.handle({ method: 'GET', path: '/items' });
    expect(Object.keys(response.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('answers * for allowOrigins ["*"]', async () => {
    const { httpApi } = api(new CorsPolicy({ ...config, allowOrigins: ['*'] }));
    const response = await httpApi.handle({ method: 'GET', path: '/items', headers: { origin: 'https://any.example' } });
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('corsConfigFromService (osls)', () => {
  // https://www.serverless.com/framework/docs/providers/aws/events/http-api#cors-setup
  it('uses osls defaults for cors: true and fills the methods from the routes', () => {
    expect(corsConfigFromService(true, ['GET', 'POST'])).toEqual({
      allowOrigins: ['*'],
      allowHeaders: ['Content-Type', 'X-Amz-Date', 'Authorization', 'X-Api-Key', 'X-Amz-Security-Token', 'X-Amz-User-Agent', 'X-Amzn-Trace-Id'],
      allowMethods: ['OPTIONS', 'GET', 'POST'],
      allowCredentials: false,
      exposeHeaders: [],
    });
  });

  it('expands an ANY route to every method and takes an object\'s settings', () => {
    expect(corsConfigFromService({ allowedOrigins: 'https://a.example', maxAge: 60, allowCredentials: true, exposedResponseHeaders: ['x-a'] }, ['*'])).toEqual({
      allowOrigins: ['https://a.example'],
      allowHeaders: ['Content-Type', 'X-Amz-Date', 'Authorization', 'X-Api-Key', 'X-Amz-Security-Token', 'X-Amz-User-Agent', 'X-Amzn-Trace-Id'],
      allowMethods: ['OPTIONS', 'GET', 'POST', 'PUT', 'PATCH', 'HEAD', 'DELETE'],
      allowCredentials: true,
      exposeHeaders: ['x-a'],
      maxAge: 60,
    });
  });

  it('is off without cors', () => {
    expect(corsConfigFromService(undefined, ['GET'])).toBeUndefined();
  });
});
