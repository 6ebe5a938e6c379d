import middy, { type MiddlewareObj, type MiddyfiedHandler } from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { cors, type CorsOptions } from './cors';
import { errorResponse } from './errorResponse';
import { parseRequest, type ParsedRequest, type RouteSchemas } from './parseRequest';
import type { HttpResult } from './responses';

/** What a route's function receives: the validated parts plus the raw event and context. */
export type RouteInput<S extends RouteSchemas> = ParsedRequest<S> & { event: APIGatewayProxyEventV2; context: Context };

/** A Lambda handler for API Gateway HTTP API (payload format 2.0). */
export type HttpHandler = MiddyfiedHandler<APIGatewayProxyEventV2, HttpResult>;

type Middleware = MiddlewareObj<APIGatewayProxyEventV2, HttpResult>;

const requestIdOf = (event: APIGatewayProxyEventV2): string | undefined => event.requestContext?.requestId;

/** Echoes the API Gateway request id in `x-request-id` on every response, errors included. */
const requestIdHeader = (): Middleware => {
  const stamp = (request: { event: APIGatewayProxyEventV2; response: HttpResult | null }) => {
    const requestId = requestIdOf(request.event);
    if (request.response && requestId) {
      request.response = { ...request.response, headers: { ...request.response.headers, 'x-request-id': requestId } };
    }
  };
  return { name: 'requestIdHeader', after: stamp, onError: stamp };
};

/** Maps any error to a response (see `errorResponse`): 4xx for known errors, an opaque 500 otherwise. */
const errorMapper = (): Middleware => ({
  name: 'errorMapper',
  onError: (request) => {
    request.response = errorResponse(request.error, requestIdOf(request.event));
  },
});

/**
 * Builds an HTTP API (payload v2) handler: parses the JSON body (base64 aware), validates
 * `path`, `query` and `body` with valibot schemas (400 naming each failing field), runs `fn`, maps errors
 * to statuses (404 not found, 409 conflict, 400 validation, else an opaque 500 that is logged)
 * and echoes the request id in `x-request-id`. With `options.cors`, adds CORS headers to every
 * response and answers preflight requests (see {@link cors}).
 *
 * @example
 * export const handler = httpRoute({ path: v.object({ id: v.pipe(v.string(), v.uuid()) }) }, async ({ path }) => ok(await find(path.id)));
 */
export function httpRoute<S extends RouteSchemas>(
  schemas: S,
  fn: (input: RouteInput<S>) => Promise<HttpResult>,
  options: { cors?: CorsOptions | true } = {},
): HttpHandler {
  const parsedByEvent = new WeakMap<APIGatewayProxyEventV2, ParsedRequest<S>>();
  const validator: Middleware = {
    name: 'validator',
    before: (request) => {
      parsedByEvent.set(request.event, parseRequest(schemas, request.event));
    },
  };
  return middy<APIGatewayProxyEventV2, HttpResult>()
    .use([...(options.cors ? [cors(options.cors === true ? {} : options.cors)] : []), requestIdHeader(), errorMapper(), validator])
    .handler(async (event, context) => {
      const parsed = parsedByEvent.get(event);
      if (parsed === undefined) throw new Error('httpRoute: request was not validated');
      return fn({ ...parsed, event, context });
    });
}
