import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { httpApiEvent } from '../../events/http/httpApiEvent';
import { lambdaContext } from '../../events/lambda/lambdaContext';
import { CorsConfigurationError } from './cors';
import { ForbiddenError, UnauthorizedError } from './errors';
import { httpRoute } from './httpRoute';
import { ok } from './responses';

const withOrigin = (origin: string, method = 'GET', extra: Record<string, string> = {}) => {
  const event = httpApiEvent({ method, rawPath: '/things', requestId: 'req-9' });
  return { ...event, headers: { ...event.headers, origin, ...extra } };
};

describe('httpRoute CORS', () => {
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
  it('adds allow-origin * and exposed headers by default, on success and on errors', async () => {
    const good = await httpRoute({}, async () => ok({}), { cors: true })(withOrigin('https://a.example'), lambdaContext());
    const bad = await httpRoute({}, async () => {
      throw new Error('boom');
    }, { cors: true })(withOrigin('https://a.example'), lambdaContext());
    for (const result of [good, bad]) {
      expect(result.headers).toMatchObject({ 'access-control-allow-origin': '*', 'access-control-expose-headers': 'x-request-id,location' });
    }
    expect(bad.statusCode).toBe(500);
  });

  it('echoes an allowed origin with credentials and gives none to other origins', async () => {
    const handler = httpRoute({}, async () => ok({}), { cors: { allowOrigins: ['https://app.example'], allowCredentials: true } });
    const allowed = await handler(withOrigin('https://app.example'), lambdaContext());
    const other = await handler(withOrigin('https://evil.example'), lambdaContext());
    expect(allowed.headers).toMatchObject({ 'access-control-allow-origin': 'https://app.example', 'access-control-allow-credentials': 'true', vary: 'origin' });
    expect(other.headers).not.toHaveProperty('access-control-allow-origin');
    expect(other.headers).toMatchObject({ vary: 'origin' });
  });

  // https://developer.mozilla.org/en-US/docs/Glossary/Preflight_request
  it('answers a preflight with 204 without validating or running the route', async () => {
    let ran = false;
    const handler = httpRoute({ body: v.object({ a: v.string() }) }, async () => {
      ran = true;
      return ok({});
    }, { cors: { maxAge: 60 } });
    const result = await handler(withOrigin('https://a.example', 'OPTIONS', { 'access-control-request-method': 'POST' }), lambdaContext());
    expect(result).toMatchObject({ statusCode: 204, headers: { 'access-control-allow-origin': '*', 'access-control-max-age': '60', 'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS' } });
    expect(ran).toBe(false);
  });

  it('rejects unknown option keys and * with credentials when the route is built', () => {
    expect(() => httpRoute({}, async () => ok({}), { cors: { allowOrigin: ['x'] } as never })).toThrow(CorsConfigurationError);
    expect(() => httpRoute({}, async () => ok({}), { cors: { allowOrigin: ['x'] } as never })).toThrow('Invalid CORS options: allowOrigin: Unknown field');
    expect(() => httpRoute({}, async () => ok({}), { cors: { allowCredentials: true } })).toThrow(/allowCredentials/);
  });
});

describe('httpRoute auth errors', () => {
  it('maps UnauthorizedError to 401 with WWW-Authenticate and ForbiddenError to 403', async () => {
    const unauthorized = await httpRoute({}, async () => {
      throw new UnauthorizedError('Missing token');
    })(withOrigin('x'), lambdaContext());
    const forbidden = await httpRoute({}, async () => {
      throw new ForbiddenError();
    })(withOrigin('x'), lambdaContext());
    expect([unauthorized.statusCode, unauthorized.body, unauthorized.headers?.['www-authenticate']]).toEqual([401, JSON.stringify({ message: 'Missing token' }), 'Bearer']);
    expect([forbidden.statusCode, forbidden.body]).toEqual([403, JSON.stringify({ message: 'Forbidden' })]);
  });

  it('never leaks internals in a 500: not the message, the stack, the cause nor extra fields', async () => {
    const secret = Object.assign(new Error('arn:aws:dynamodb:us-east-1:123:table/secret'), { statusCode: 418, details: 'db password' });
    const result = await httpRoute({}, async () => {
      throw secret;
    })(withOrigin('x'), lambdaContext());
    expect(result.statusCode).toBe(500);
    expect(result.body).toBe(JSON.stringify({ message: 'Internal server error' }));
    expect(JSON.stringify(result.headers)).not.toMatch(/arn|password/);
  });
});
