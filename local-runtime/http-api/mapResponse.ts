import type { InvocationRecord } from '../lambda/types';
import type { HttpApiResponse } from './types';

const JSON_TYPE = { 'content-type': 'application/json' };

/** API Gateway's answer when the integration fails (function error, timeout, bad response). */
export const INTERNAL_SERVER_ERROR = { statusCode: 500, body: '{"message":"Internal Server Error"}' } as const;

/**
 * Maps a Lambda result to the HTTP response, payload format 2.0 rules
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response):
 * an object with `statusCode` is used as the response; anything else is a 200 JSON body
 * (a string as-is, other values JSON-encoded). Errors and timeouts become 500.
 */
export function mapResponse(invocation: InvocationRecord): Omit<HttpApiResponse, 'route' | 'invocation'> {
  if (invocation.outcome !== 'success') return internalError();
  const result = invocation.result;
  if (typeof result === 'object' && result !== null && !Array.isArray(result) && 'statusCode' in result) {
    return structured(result as Record<string, unknown>);
  }
  return {
    statusCode: 200,
    headers: { ...JSON_TYPE },
    body: typeof result === 'string' ? result : JSON.stringify(result ?? null),
    isBase64Encoded: false,
  };
}

function structured(result: Record<string, unknown>): Omit<HttpApiResponse, 'route' | 'invocation'> {
  const { statusCode, headers, cookies, body, isBase64Encoded } = result;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) return internalError();
  if (body !== undefined && body !== null && typeof body !== 'string') return internalError();
  if (cookies !== undefined && (!Array.isArray(cookies) || cookies.some((c) => typeof c !== 'string'))) return internalError();
  const outHeaders: Record<string, string> = {};
  if (typeof headers === 'object' && headers !== null) {
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined && value !== null) outHeaders[name.toLowerCase()] = String(value);
    }
  }
  return {
    statusCode,
    headers: outHeaders,
    ...(Array.isArray(cookies) && cookies.length > 0 ? { cookies: cookies as string[] } : {}),
    body: typeof body === 'string' ? body : '',
    isBase64Encoded: isBase64Encoded === true,
  };
}

function internalError(): Omit<HttpApiResponse, 'route' | 'invocation'> {
  return { statusCode: INTERNAL_SERVER_ERROR.statusCode, headers: { ...JSON_TYPE }, body: INTERNAL_SERVER_ERROR.body, isBase64Encoded: false };
}
