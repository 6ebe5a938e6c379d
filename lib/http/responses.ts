import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** What a route returns: an HTTP API (payload v2) structured response. */
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** A JSON response with `content-type: application/json`. */
export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}

/** 200 with `body` as JSON. */
export const ok = (body: unknown, headers?: Record<string, string>): HttpResult => json(200, body, headers);

/** 201 with `body` as JSON; pass `{ location }` in `headers` for the new resource. */
export const created = (body: unknown, headers?: Record<string, string>): HttpResult => json(201, body, headers);
