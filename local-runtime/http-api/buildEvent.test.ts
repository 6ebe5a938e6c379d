import { describe, expect, it } from 'vitest';
import { buildEvent } from './buildEvent';
import { formatRequestTime } from './formatRequestTime';

// Payload format 2.0: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
const context = { accountId: '123456789012', apiId: 'r3pmxmplak', region: 'eu-west-1', nowMs: Date.UTC(2020, 2, 12, 19, 3, 58) };

describe('buildEvent (payload format 2.0)', () => {
  it('builds the event of a GET with query string, cookies and path parameters', () => {
    const event = buildEvent({
      method: 'GET',
      path: '/orders/o%2D1',
      query: 'expand=items&tag=a&tag=b&q=hello+world&flag',
      headers: { Host: 'r3pmxmplak.execute-api.eu-west-1.amazonaws.com', 'User-Agent': 'curl/8.0', Cookie: 'session=abc; theme=dark', 'X-Multi': ['1', '2'] },
      sourceIp: '203.0.113.7',
    }, { routeKey: 'GET /orders/{id}', functionKey: 'getOrder', pathParameters: { id: 'o-1' } }, context);

    expect(event).toEqual({
      version: '2.0',
      routeKey: 'GET /orders/{id}',
      rawPath: '/orders/o%2D1',
      rawQueryString: 'expand=items&tag=a&tag=b&q=hello+world&flag',
      cookies: ['session=abc', 'theme=dark'],
      headers: { host: 'r3pmxmplak.execute-api.eu-west-1.amazonaws.com', 'user-agent': 'curl/8.0', 'x-multi': '1,2' },
      queryStringParameters: { expand: 'items', tag: 'a,b', q: 'hello world', flag: '' },
      pathParameters: { id: 'o-1' },
      requestContext: {
        accountId: '123456789012',
        apiId: 'r3pmxmplak',
        domainName: 'r3pmxmplak.execute-api.eu-west-1.amazonaws.com',
        domainPrefix: 'r3pmxmplak',
        http: { method: 'GET', path: '/orders/o%2D1', protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'curl/8.0' },
        requestId: expect.stringMatching(/^[A-Za-z0-9+/]{14}=$/),
        routeKey: 'GET /orders/{id}',
        stage: '$default',
        time: '12/Mar/2020:19:03:58 +0000',
        timeEpoch: context.nowMs,
      },
      isBase64Encoded: false,
    });
  });

  it('keeps query parameters and headers named like Object.prototype members as ordinary names', () => {
    const event = buildEvent(
      { method: 'GET', path: '/orders', query: 'toString=1&__proto__=2&constructor=a&constructor=b', headers: { Constructor: 'h', ['__proto__']: 'p' }, sourceIp: '203.0.113.7' },
      { routeKey: 'GET /orders', functionKey: 'listOrders' },
      context,
    );
    expect(JSON.parse(JSON.stringify(event.queryStringParameters))).toEqual({ toString: '1', ['__proto__']: '2', constructor: 'a,b' });
    expect(Object.hasOwn(event.queryStringParameters ?? {}, '__proto__')).toBe(true);
    expect(event.headers['constructor']).toBe('h');
    expect(Object.hasOwn(event.headers, '__proto__')).toBe(true);
  });

  it('omits cookies, queryStringParameters, pathParameters and body when absent', () => {
    const event = buildEvent({ method: 'get', path: '/' }, { routeKey: '$default', functionKey: 'f' }, context);

    expect(Object.keys(event)).not.toContain('cookies');
    expect(Object.keys(event)).not.toContain('queryStringParameters');
    expect(Object.keys(event)).not.toContain('pathParameters');
    expect(Object.keys(event)).not.toContain('body');
    expect(event.rawQueryString).toBe('');
    expect(event.requestContext.http.method).toBe('GET');
    expect(event.requestContext.domainName).toBe('r3pmxmplak.execute-api.eu-west-1.amazonaws.com');
  });

  it('passes a JSON body as text and a binary body base64-encoded', () => {
    const json = buildEvent({ method: 'POST', path: '/orders', headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"a":1}' }, { routeKey: 'POST /orders', functionKey: 'f' }, context);
    const binary = buildEvent({ method: 'POST', path: '/upload', headers: { 'content-type': 'image/png' }, body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) }, { routeKey: 'POST /upload', functionKey: 'f' }, context);

    expect([json.body, json.isBase64Encoded]).toEqual(['{"a":1}', false]);
    expect([binary.body, binary.isBase64Encoded]).toEqual(['iVBORw==', true]);
  });

  it('formats requestContext.time like API Gateway', () => {
    expect(formatRequestTime(Date.UTC(2026, 0, 5, 3, 4, 5))).toBe('05/Jan/2026:03:04:05 +0000');
  });
});
