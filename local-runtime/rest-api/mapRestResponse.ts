import type { InvocationRecord } from '../lambda/types';
import { gatewayResponse } from './gatewayResponse';
import type { RestResponse } from './types';

/** The only fields a Lambda proxy response may have. */
const PROXY_FIELDS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);

/** Why a proxy response is malformed, for the developer (API Gateway logs it; the client gets a 502). */
export type MappedResponse = { response: RestResponse; malformed?: string };

/**
 * Maps a Lambda proxy integration result to the REST API's response
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format):
 * `statusCode`, `headers` and `multiValueHeaders` merged (a name in both keeps the multi values),
 * `body` a string, `isBase64Encoded` for binary bodies. A function error, a timeout, or anything
 * else (no statusCode, a non-string body, an unknown field) is API Gateway's 502
 * `{"message": "Internal server error"}` ("Malformed Lambda proxy response" in its log).
 */
export function mapRestResponse(invocation: InvocationRecord, requestId: string): MappedResponse {
  if (invocation.outcome !== 'success') {
    return { response: gatewayResponse('INTEGRATION_FAILURE', requestId), malformed: `the function ${invocation.outcome === 'timeout' ? 'timed out' : 'failed'}` };
  }
  const result = invocation.result;
  const problem = malformed(result);
  if (problem !== undefined) return { response: gatewayResponse('INTEGRATION_FAILURE', requestId), malformed: `Malformed Lambda proxy response: ${problem}` };
  const { statusCode, headers, multiValueHeaders, body, isBase64Encoded } = result as Record<string, unknown>;
  const merged = new Map<string, string[]>();
  for (const [name, value] of Object.entries((headers ?? {}) as Record<string, unknown>)) {
    if (value !== null && value !== undefined) merged.set(name, [String(value)]);
  }
  for (const [name, values] of Object.entries((multiValueHeaders ?? {}) as Record<string, unknown>)) {
    if (Array.isArray(values)) merged.set(name, values.map(String));
  }
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, values] of merged) {
    if (values.length === 1) single[name] = values[0] as string;
    else if (values.length > 1) multi[name] = values;
  }
  if (!Object.keys(single).some((n) => n.toLowerCase() === 'content-type') && multi['content-type'] === undefined) single['Content-Type'] = 'application/json';
  single['x-amzn-RequestId'] = requestId;
  return {
    response: {
      statusCode: statusCode as number,
      headers: single,
      multiValueHeaders: multi,
      body: typeof body === 'string' ? body : '',
      isBase64Encoded: isBase64Encoded === true,
    },
  };
}

function malformed(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return `the result is ${JSON.stringify(result) ?? 'undefined'}, not an object with statusCode`;
  const fields = result as Record<string, unknown>;
  const extra = Object.keys(fields).filter((k) => !PROXY_FIELDS.has(k));
  if (extra.length > 0) return `unexpected field(s) ${extra.join(', ')}`;
  const status = fields['statusCode'];
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) return `statusCode ${JSON.stringify(status)} is not an HTTP status`;
  const body = fields['body'];
  if (body !== undefined && body !== null && typeof body !== 'string') return 'body is not a string (JSON.stringify it)';
  for (const name of ['headers', 'multiValueHeaders'] as const) {
    const value = fields[name];
    if (value !== undefined && value !== null && (typeof value !== 'object' || Array.isArray(value))) return `${name} is not an object`;
  }
  const multi = (fields['multiValueHeaders'] ?? {}) as Record<string, unknown>;
  if (Object.values(multi).some((v) => !Array.isArray(v))) return 'a multiValueHeaders value is not a list';
  const headers = (fields['headers'] ?? {}) as Record<string, unknown>;
  if (Object.values(headers).some((v) => typeof v === 'object' && v !== null)) return 'a headers value is not a string';
  return undefined;
}
