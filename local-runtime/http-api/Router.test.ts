import { describe, expect, it } from 'vitest';
import { HttpApiError } from './errors';
import { Router } from './Router';

// Route selection: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
const router = new Router([
  { method: 'GET', path: '/orders', functionKey: 'listOrders' },
  { method: 'POST', path: '/orders', functionKey: 'createOrder' },
  { method: 'GET', path: '/orders/{id}', functionKey: 'getOrder' },
  { method: 'GET', path: '/orders/latest', functionKey: 'latestOrder' },
  { method: '*', path: '/orders/{id}', functionKey: 'anyOrder' },
  { method: 'GET', path: '/files/{proxy+}', functionKey: 'files' },
  { method: 'GET', path: '/files/{dir}/index', functionKey: 'dirIndex' },
  { method: 'GET', path: '/', functionKey: 'root' },
]);

describe('Router', () => {
  it('matches an exact route and method', () => {
    expect(router.match('POST', '/orders')).toEqual({ routeKey: 'POST /orders', functionKey: 'createOrder' });
    expect(router.match('get', '/')).toEqual({ routeKey: 'GET /', functionKey: 'root' });
  });

  it('prefers a literal segment over a path variable', () => {
    expect(router.match('GET', '/orders/latest')?.functionKey).toBe('latestOrder');
    expect(router.match('GET', '/orders/o-1')).toEqual({ routeKey: 'GET /orders/{id}', functionKey: 'getOrder', pathParameters: { id: 'o-1' } });
  });

  it('uses ANY only for methods no route defines for the path', () => {
    expect(router.match('DELETE', '/orders/o-1')).toEqual({ routeKey: 'ANY /orders/{id}', functionKey: 'anyOrder', pathParameters: { id: 'o-1' } });
  });

  it('decodes path parameters', () => {
    expect(router.match('GET', '/orders/a%20b')?.pathParameters).toEqual({ id: 'a b' });
  });

  it('matches a greedy {proxy+} variable for all child paths, after more specific routes', () => {
    expect(router.match('GET', '/files/a/b/c.txt')).toEqual({ routeKey: 'GET /files/{proxy+}', functionKey: 'files', pathParameters: { proxy: 'a/b/c.txt' } });
    expect(router.match('GET', '/files/docs/index')?.functionKey).toBe('dirIndex');
    expect(router.match('GET', '/files')).toBeUndefined();
  });

  it('returns undefined when no route matches (path or method), without a $default route', () => {
    expect(router.match('GET', '/customers')).toBeUndefined();
    expect(router.match('PUT', '/orders')).toBeUndefined();
    expect(router.match('GET', '/orders/1/extra')).toBeUndefined();
  });

  it('sends unmatched requests to the $default route', () => {
    const withDefault = new Router([
      { method: 'GET', path: '/orders', functionKey: 'listOrders' },
      { method: '*', path: '*', functionKey: 'fallback' },
    ]);
    expect(withDefault.match('PATCH', '/orders')).toEqual({ routeKey: '$default', functionKey: 'fallback' });
    expect(withDefault.match('GET', '/orders')?.functionKey).toBe('listOrders');
  });

  it('rejects a greedy variable that is not last, and duplicate routes', () => {
    expect(() => new Router([{ method: 'GET', path: '/a/{proxy+}/b', functionKey: 'f' }])).toThrow(HttpApiError);
    expect(() => new Router([
      { method: 'GET', path: '/a', functionKey: 'f' },
      { method: 'get', path: '/a', functionKey: 'g' },
    ])).toThrow(/defined twice/);
  });
});
