import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import type { InvocationRecord } from '../lambda/types';
import { HttpApi } from './HttpApi';
import type { HttpApiEventV2 } from './types';

function api(result: (event: HttpApiEventV2) => unknown = (event) => ({ route: event.routeKey, params: event.pathParameters ?? null })) {
  const seen: Array<{ functionKey: string; event: HttpApiEventV2 }> = [];
  const httpApi = new HttpApi({
    routes: [
      { method: 'GET', path: '/orders/{id}', functionKey: 'getOrder' },
      { method: 'POST', path: '/orders', functionKey: 'createOrder' },
      { method: 'GET', path: '/image', functionKey: 'image' },
    ],
    clock: new VirtualClock(),
    region: 'eu-west-1',
    accountId: '123456789012',
    apiId: 'api1',
    invoke: async (functionKey, event): Promise<InvocationRecord> => {
      seen.push({ functionKey, event });
      return { requestId: 'r', functionKey, functionName: functionKey, trigger: { type: 'httpApi', source: event.routeKey }, startedAt: 0, durationMs: 0, outcome: 'success', result: result(event), event };
    },
  });
  return { httpApi, seen };
}

// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
describe('HttpApi.handle', () => {
  it('routes to the function and maps the result', async () => {
    const { httpApi, seen } = api();

    const response = await httpApi.handle({ method: 'GET', path: '/orders/o-1' });

    expect(seen.map((s) => s.functionKey)).toEqual(['getOrder']);
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ route: 'GET /orders/{id}', params: { id: 'o-1' } });
    expect(response.route).toBe('GET /orders/{id}');
    expect(response.headers['apigw-requestid']).toBe(seen[0]?.event.requestContext.requestId);
    expect(response.invocation?.functionKey).toBe('getOrder');
  });

  it('answers 404 {"message":"Not Found"} for an unknown path or a known path with another method, without invoking', async () => {
    const { httpApi, seen } = api();

    const unknownPath = await httpApi.handle({ method: 'GET', path: '/customers' });
    const wrongMethod = await httpApi.handle({ method: 'DELETE', path: '/orders' });

    for (const response of [unknownPath, wrongMethod]) {
      expect([response.statusCode, response.body]).toEqual([404, '{"message":"Not Found"}']);
    }
    expect(seen).toEqual([]);
  });
});

describe('HttpApi.listen', () => {
  it('serves requests over a real socket on 127.0.0.1', async () => {
    const { httpApi, seen } = api((event) =>
      event.routeKey === 'GET /image'
        ? { statusCode: 200, headers: { 'content-type': 'image/png' }, body: Buffer.from([1, 2, 3]).toString('base64'), isBase64Encoded: true }
        : { statusCode: 201, headers: { 'content-type': 'application/json' }, cookies: ['id=1; Path=/', 'x=2'], body: event.body ?? '' });
    const server = await httpApi.listen({ host: '127.0.0.1', port: 0 });
    try {
      const created = await fetch(`${server.url}/orders?x=1&x=2`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: 'a=b' }, body: '{"sku":"s-1"}' });
      const image = await fetch(`${server.url}/image`);
      const missing = await fetch(`${server.url}/nope`);

      expect(created.status).toBe(201);
      expect(await created.text()).toBe('{"sku":"s-1"}');
      expect(created.headers.getSetCookie()).toEqual(['id=1; Path=/', 'x=2']);
      expect(Buffer.from(await image.arrayBuffer())).toEqual(Buffer.from([1, 2, 3]));
      expect([missing.status, await missing.text()]).toEqual([404, '{"message":"Not Found"}']);
      expect(seen[0]?.event).toMatchObject({ rawQueryString: 'x=1&x=2', queryStringParameters: { x: '1,2' }, cookies: ['a=b'], isBase64Encoded: false });
      expect(server.port).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
