import type { InvocationRecord } from '../lambda/types';
import { mapRestResponse } from '../rest-api/mapRestResponse';
import { toHttpResponse } from '../rest-api/toHttpResponse';
import { INTERNAL_SERVER_ERROR } from './mapResponse';
import type { HttpApiResponse } from './types';

/**
 * Maps a Lambda result of a payload 1.0 HTTP API route
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response):
 * the proxy response shape (`statusCode`, `headers`, `multiValueHeaders`, `body`,
 * `isBase64Encoded`); anything else, an error or a timeout is 500 `{"message":"Internal Server Error"}`.
 */
export function mapResponseV1(invocation: InvocationRecord): Omit<HttpApiResponse, 'route' | 'invocation'> {
  const { response, malformed } = mapRestResponse(invocation, '');
  if (malformed !== undefined) {
    return { statusCode: INTERNAL_SERVER_ERROR.statusCode, headers: { 'content-type': 'application/json' }, body: INTERNAL_SERVER_ERROR.body, isBase64Encoded: false };
  }
  const mapped = toHttpResponse(response, undefined, undefined);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(mapped.headers)) if (name !== 'x-amzn-RequestId') headers[name.toLowerCase()] = value;
  return { ...mapped, headers };
}
