import { describe, expect, it, vi } from 'vitest';
import * as v from 'valibot';
import { httpApiEvent } from '../../events/http/httpApiEvent';
import { lambdaContext } from '../../events/lambda/lambdaContext';
import { logger } from '../observability/logger';
import { ConflictError } from '../repository/errors';
import { NotFoundError } from './errors';
import { httpRoute } from './httpRoute';
import { created, ok } from './responses';

const body = v.strictObject({
  name: v.pipe(v.string(), v.minLength(1)),
  items: v.pipe(v.array(v.strictObject({ quantity: v.pipe(v.number(), v.safeInteger(), v.minValue(1)) })), v.minLength(1)),
});

const post = (payload: unknown, extra: { isBase64Encoded?: boolean } = {}) =>
  httpApiEvent({ method: 'POST', rawPath: '/things', body: typeof payload === 'string' ? payload : JSON.stringify(payload), requestId: 'req-123', ...extra });

const parseBody = (result: { body?: string }) => JSON.parse(result.body ?? 'null') as Record<string, unknown>;

describe('httpRoute', () => {
  it('hands the validated body, path and query to the route and returns its result with the request id', async () => {
    const route = vi.fn(async (input: { body: unknown; path: unknown; query: unknown }) => created({ got: input.body, path: input.path, query: input.query }, { location: '/things/1' }));
    const handler = httpRoute({ body, path: v.object({ id: v.string() }), query: v.object({ dry: v.optional(v.picklist(['yes', 'no'])) }) }, route);
    const event = { ...post({ name: 'a', items: [{ quantity: 2 }] }), pathParameters: { id: 'x' }, queryStringParameters: { dry: 'yes' } };

    const result = await handler(event, lambdaContext());

    expect(result.statusCode).toBe(201);
    expect(result.headers).toEqual({ 'content-type': 'application/json', location: '/things/1', 'x-request-id': 'req-123' });
    expect(parseBody(result)).toEqual({ got: { name: 'a', items: [{ quantity: 2 }] }, path: { id: 'x' }, query: { dry: 'yes' } });
    expect(route).toHaveBeenCalledOnce();
  });

  // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html (isBase64Encoded)
  it('decodes base64 bodies', async () => {
    const handler = httpRoute({ body }, async (input) => ok(input.body));
    const encoded = Buffer.from(JSON.stringify({ name: 'b', items: [{ quantity: 1 }] })).toString('base64');
    const result = await handler(post(encoded, { isBase64Encoded: true }), lambdaContext());
    expect(result.statusCode).toBe(200);
    expect(parseBody(result)).toEqual({ name: 'b', items: [{ quantity: 1 }] });
  });

  it('answers 400 to malformed JSON without calling the route', async () => {
    const route = vi.fn(async () => ok({}));
    const result = await httpRoute({ body }, route)(post('{"name":'), lambdaContext());
    expect(result.statusCode).toBe(400);
    expect(parseBody(result)).toEqual({ message: 'Request body is not valid JSON' });
    expect(result.headers?.['x-request-id']).toBe('req-123');
    expect(route).not.toHaveBeenCalled();
  });

  it('answers 400 naming every failing field, unknown fields included', async () => {
    const result = await httpRoute({ body }, async () => ok({}))(post({ name: '', items: [{ quantity: 0 }], extra: true }), lambdaContext());
    expect(result.statusCode).toBe(400);
    const payload = parseBody(result) as { message: string; issues: { field: string }[] };
    expect(payload.message).toBe('Invalid request');
    expect(payload.issues.map((i) => i.field).sort()).toEqual(['body.extra', 'body.items.0.quantity', 'body.name']);
    expect(payload.issues).toContainEqual({ field: 'body.extra', message: 'Unknown field' });
  });

  it('validates a missing body as undefined', async () => {
    const event = httpApiEvent({ method: 'POST', rawPath: '/things' });
    const result = await httpRoute({ body }, async () => ok({}))(event, lambdaContext());
    expect(result.statusCode).toBe(400);
    expect((parseBody(result) as { issues: { field: string }[] }).issues[0]?.field).toBe('body');
  });

  it('maps NotFoundError to 404 and ConflictError to 409 with their messages', async () => {
    const notFound = await httpRoute({}, async () => {
      throw new NotFoundError('Thing 7 not found');
    })(post({}), lambdaContext());
    const conflict = await httpRoute({}, async () => {
      throw new ConflictError('Thing', 'version', 'Thing changed');
    })(post({}), lambdaContext());
    expect([notFound.statusCode, parseBody(notFound)]).toEqual([404, { message: 'Thing 7 not found' }]);
    expect([conflict.statusCode, parseBody(conflict)]).toEqual([409, { message: 'Thing changed' }]);
  });

  it('hides unexpected errors behind an opaque 500 and logs them', async () => {
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const result = await httpRoute({}, async () => {
      throw new Error('secret table name arn:aws:dynamodb:…');
    })(post({}), lambdaContext());
    expect(result.statusCode).toBe(500);
    expect(result.body).toBe(JSON.stringify({ message: 'Internal server error' }));
    expect(result.headers).toMatchObject({ 'content-type': 'application/json', 'x-request-id': 'req-123' });
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });
});
