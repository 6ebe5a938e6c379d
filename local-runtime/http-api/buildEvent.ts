import { randomBytes } from 'node:crypto';
import { isTextContentType } from './isTextContentType';
import type { RouteMatch } from './Router';
import type { HttpApiEventV2, HttpApiRequest } from './types';
import { formatRequestTime } from './formatRequestTime';

/**
 * Builds the payload format 2.0 event API Gateway sends to a Lambda integration
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html):
 * lower-case headers with repeated values joined by commas, the `cookie` header moved to
 * `cookies`, repeated query keys joined by commas, binary bodies base64-encoded.
 */
export function buildEvent(request: HttpApiRequest, route: RouteMatch, context: {
  accountId: string;
  apiId: string;
  region: string;
  nowMs: number;
}): HttpApiEventV2 {
  const headers = joinHeaders(request.headers ?? {});
  const cookieHeader = headers.cookie;
  delete headers.cookie;
  const cookies = cookieHeader === undefined ? [] : cookieHeader.split(/;\s*/).filter((c) => c.length > 0);
  const rawQueryString = request.query ?? '';
  const queryStringParameters = parseQuery(rawQueryString);
  const domainName = headers.host ?? `${context.apiId}.execute-api.${context.region}.amazonaws.com`;
  const body = encodeBody(request.body, headers['content-type']);
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: request.path,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters === undefined ? {} : { queryStringParameters }),
    ...(route.pathParameters === undefined ? {} : { pathParameters: route.pathParameters }),
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: request.method.toUpperCase(),
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: apiGatewayRequestId(),
      routeKey: route.routeKey,
      stage: '$default',
      time: formatRequestTime(context.nowMs),
      timeEpoch: context.nowMs,
    },
    ...(body === undefined ? {} : { body: body.text }),
    isBase64Encoded: body?.base64 ?? false,
  };
}

// Headers and query parameters are gathered in Maps: a client may send any name, `__proto__` or `toString`
// included, and Object.fromEntries makes each one an own property.
function joinHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const joined = Array.isArray(value) ? value.join(key === 'cookie' ? '; ' : ',') : value;
    const earlier = headers.get(key);
    headers.set(key, earlier === undefined ? joined : `${earlier}${key === 'cookie' ? '; ' : ','}${joined}`);
  }
  return Object.fromEntries(headers);
}

function parseQuery(raw: string): Record<string, string> | undefined {
  if (raw === '') return undefined;
  const params = new Map<string, string>();
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeQuery(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decodeQuery(pair.slice(eq + 1));
    const earlier = params.get(key);
    params.set(key, earlier === undefined ? value : `${earlier},${value}`);
  }
  return params.size === 0 ? undefined : Object.fromEntries(params);
}

function decodeQuery(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
}

function encodeBody(body: string | Buffer | undefined, contentType: string | undefined): { text: string; base64: boolean } | undefined {
  if (body === undefined || body.length === 0) return undefined;
  if (isTextContentType(contentType)) return { text: typeof body === 'string' ? body : body.toString('utf8'), base64: false };
  return { text: (typeof body === 'string' ? Buffer.from(body) : body).toString('base64'), base64: true };
}

/** API Gateway's request id shape: 14 base64 characters and `=` (e.g. `JKJaXmPLvHcESHA=`). */
function apiGatewayRequestId(): string {
  return `${randomBytes(10).toString('base64').slice(0, 14)}=`;
}
