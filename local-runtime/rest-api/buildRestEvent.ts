import { randomBytes, randomUUID } from 'node:crypto';
import { formatRequestTime } from '../http-api/formatRequestTime';
import type { RestApiEvent } from './types';

/** One request as the REST API sees it, after the stage prefix is removed. */
export interface RestRequestInput {
  method: string;
  /** Path without the stage (`/orders/1`), still URL-encoded. */
  path: string;
  /** Raw query string, without `?`. */
  query: string;
  /** Header names and values in the order and case the client sent them. */
  headerPairs: [string, string][];
  body: Buffer | undefined;
  sourceIp: string;
}

/** Where the request was routed and what the API knows about itself. */
export interface RestEventContext {
  resource: string;
  pathParameters: Record<string, string> | undefined;
  stage: string;
  stageVariables: Record<string, string> | undefined;
  accountId: string;
  apiId: string;
  region: string;
  nowMs: number;
  /** Whether the body's content type is one of `provider.apiGateway.binaryMediaTypes`. */
  binary: boolean;
}

/**
 * Builds the Lambda proxy integration event of a REST API (payload format 1.0,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format):
 * headers in the client's case, the last value of a repeated header or query parameter in
 * `headers`/`queryStringParameters` and all of them in the `multiValue…` maps, `null` for empty
 * maps, the body as text unless its type is a binary media type (then base64).
 */
export function buildRestEvent(request: RestRequestInput, context: RestEventContext): RestApiEvent {
  const domainName = `${context.apiId}.execute-api.${context.region}.amazonaws.com`;
  const pairs: [string, string][] = [...request.headerPairs];
  const has = (name: string) => pairs.some(([n]) => n.toLowerCase() === name);
  if (!has('x-forwarded-for')) pairs.push(['X-Forwarded-For', request.sourceIp]);
  if (!has('x-forwarded-proto')) pairs.push(['X-Forwarded-Proto', 'http']);
  if (!has('x-amzn-trace-id')) pairs.push(['X-Amzn-Trace-Id', `Root=1-${Math.floor(context.nowMs / 1000).toString(16)}-${randomBytes(12).toString('hex')}`]);
  const headers = collect(pairs);
  const query = collect(parseQuery(request.query));
  const userAgent = lastValue(pairs, 'user-agent') ?? '';
  const bodyText = request.body === undefined || request.body.length === 0
    ? null
    : context.binary ? request.body.toString('base64') : request.body.toString('utf8');
  const path = decodePath(request.path);
  return {
    resource: context.resource,
    path,
    httpMethod: request.method.toUpperCase(),
    headers: headers.single,
    multiValueHeaders: headers.multi,
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    pathParameters: context.pathParameters ?? null,
    stageVariables: context.stageVariables ?? null,
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      domainName,
      domainPrefix: context.apiId,
      extendedRequestId: `${randomBytes(10).toString('base64').slice(0, 14)}=`,
      httpMethod: request.method.toUpperCase(),
      identity: {
        accessKey: null, accountId: null, apiKey: null, apiKeyId: null, caller: null, clientCert: null,
        cognitoAuthenticationProvider: null, cognitoAuthenticationType: null, cognitoIdentityId: null,
        cognitoIdentityPoolId: null, principalOrgId: null, sourceIp: request.sourceIp, user: null, userAgent, userArn: null,
      },
      path: `/${context.stage}${path === '/' ? '' : path}`,
      protocol: 'HTTP/1.1',
      requestId: randomUUID(),
      requestTime: formatRequestTime(context.nowMs),
      requestTimeEpoch: context.nowMs,
      resourceId: randomBytes(3).toString('hex'),
      resourcePath: context.resource,
      stage: context.stage,
    },
    body: bodyText,
    isBase64Encoded: bodyText !== null && context.binary,
  };
}

/** Pairs gathered in Maps (a client may send `__proto__`), then made plain objects; empty → null. */
function collect(pairs: [string, string][]): { single: Record<string, string> | null; multi: Record<string, string[]> | null } {
  if (pairs.length === 0) return { single: null, multi: null };
  const single = new Map<string, string>();
  const multi = new Map<string, string[]>();
  for (const [name, value] of pairs) {
    single.set(name, value);
    const list = multi.get(name);
    if (list === undefined) multi.set(name, [value]);
    else list.push(value);
  }
  return { single: Object.fromEntries(single), multi: Object.fromEntries(multi) };
}

function lastValue(pairs: [string, string][], lowerName: string): string | undefined {
  return pairs.findLast(([n]) => n.toLowerCase() === lowerName)?.[1];
}

/** `a=1&a=2&b` → `[['a','1'],['a','2'],['b','']]`, URL-decoded. */
export function parseQuery(raw: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    pairs.push([decode(eq === -1 ? part : part.slice(0, eq)), eq === -1 ? '' : decode(part.slice(eq + 1))]);
  }
  return pairs;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
