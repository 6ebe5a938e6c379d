import type { HttpApiResponse } from './types';

/** API Gateway's request payload quota for HTTP APIs (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html). */
export const MAX_HTTP_API_REQUEST_BYTES = 10 * 1024 * 1024;
/** Lambda's synchronous invocation payload quota (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
export const MAX_SYNC_INVOKE_BYTES = 6 * 1024 * 1024;

const ANSWER = { statusCode: 413, headers: { 'content-type': 'application/json' }, body: '{"message":"Request Entity Too Large"}', isBase64Encoded: false };

/**
 * HTTP API's answer to a request over the payload quotas: a body over 10 MB, or an event over
 * Lambda's 6 MB synchronous payload, is 413 `{"message":"Request Entity Too Large"}` and no function
 * runs. Returns undefined when both fit. The size of `event` is only computed when the body alone
 * could make it too large (hot path: small requests cost nothing).
 */
export function payloadTooLarge(body: string | Buffer | undefined, event?: unknown): HttpApiResponse | undefined {
  // A string of n UTF-16 units is at most 3n UTF-8 bytes: small bodies are not measured.
  if (body !== undefined && body.length * 3 > MAX_HTTP_API_REQUEST_BYTES && Buffer.byteLength(body) > MAX_HTTP_API_REQUEST_BYTES) return { ...ANSWER, headers: { ...ANSWER.headers } };
  if (event === undefined) return undefined;
  const eventBody = (event as { body?: unknown }).body;
  if (typeof eventBody !== 'string' || eventBody.length < MAX_SYNC_INVOKE_BYTES / 2) return undefined;
  if (Buffer.byteLength(JSON.stringify(event)) <= MAX_SYNC_INVOKE_BYTES) return undefined;
  return { ...ANSWER, headers: { ...ANSWER.headers } };
}
