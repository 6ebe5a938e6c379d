import { buildRestEvent } from '../rest-api/buildRestEvent';
import type { RestApiEvent } from '../rest-api/types';
import { isTextContentType } from './isTextContentType';
import type { RouteMatch } from './Router';
import type { HttpApiRequest } from './types';

/** Payload format 1.0 of an HTTP API: the REST API proxy shape with `version: '1.0'`. */
export type HttpApiEventV1 = RestApiEvent & { version: '1.0' };

/**
 * Builds the payload format 1.0 event of an HTTP API route (`payload: '1.0'`,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.proxy-format):
 * the REST API proxy fields (`resource`, `path`, `httpMethod`, multi-value maps, `requestContext`)
 * with lower-case header names, stage `$default`, and bodies base64-encoded unless their content
 * type is text (as in payload 2.0).
 */
export function buildEventV1(request: HttpApiRequest, route: RouteMatch, context: { accountId: string; apiId: string; region: string; nowMs: number }): HttpApiEventV1 {
  const headerPairs: [string, string][] = [];
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (value === undefined) continue;
    for (const v of [value].flat()) headerPairs.push([name.toLowerCase(), v]);
  }
  const contentType = headerPairs.findLast(([n]) => n === 'content-type')?.[1];
  const body = request.body === undefined ? undefined : typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
  const resource = route.routeKey === '$default' ? '$default' : route.routeKey.slice(route.routeKey.indexOf(' ') + 1);
  const event = buildRestEvent(
    { method: request.method, path: request.path, query: request.query ?? '', headerPairs, body, sourceIp: request.sourceIp ?? '127.0.0.1' },
    { resource, pathParameters: route.pathParameters, stage: '$default', stageVariables: undefined, ...context, binary: !isTextContentType(contentType) },
  );
  event.requestContext.path = request.path;
  event.requestContext.resourceId = route.routeKey;
  return { version: '1.0', ...event };
}
