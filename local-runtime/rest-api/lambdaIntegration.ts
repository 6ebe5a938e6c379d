import type { InvocationRecord } from '../lambda/types';
import type { RestApiEvent, RestCors, RestResponse } from './types';

/** osls's default `statusCodes` of `integration: lambda`: selection patterns on the error message. */
const DEFAULT_STATUS_PATTERNS: [number, RegExp][] = [
  [400, /^[\s\S]*\[400\][\s\S]*$/],
  [401, /^[\s\S]*\[401\][\s\S]*$/],
  [403, /^[\s\S]*\[403\][\s\S]*$/],
  [404, /^[\s\S]*\[404\][\s\S]*$/],
  [422, /^[\s\S]*\[422\][\s\S]*$/],
  [500, /^[\s\S]*(Process\s?exited\s?before\s?completing\s?request|\[500\])[\s\S]*$/],
  [502, /^[\s\S]*\[502\][\s\S]*$/],
  [504, /^([\s\S]*\[504\][\s\S]*)|(.*Task timed out after \d+\.\d+ seconds)$/],
];

/**
 * The event osls's default request template (`integration: lambda`, JSON) makes of a request:
 * `body` (parsed JSON, or the raw form fields), `method`, `principalId`, `stage`,
 * `cognitoPoolClaims.sub`, `enhancedAuthContext`, `headers`, `query`, `path`, `identity`,
 * `stageVariables`, `requestPath`. All map values are strings, as the template writes them.
 */
export function lambdaIntegrationEvent(event: RestApiEvent): Record<string, unknown> {
  const text = event.body === null ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  let body: unknown = {};
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = Object.fromEntries(new URLSearchParams(text));
    }
  }
  const authorizer = (event.requestContext.authorizer ?? {}) as Record<string, unknown>;
  const claims = (authorizer['claims'] ?? {}) as Record<string, unknown>;
  const strings = (map: Record<string, unknown> | null | undefined) =>
    Object.fromEntries(Object.entries(map ?? {}).map(([k, v]) => [k, v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)]));
  return {
    body,
    method: event.httpMethod,
    principalId: String(authorizer['principalId'] ?? ''),
    stage: event.requestContext.stage,
    cognitoPoolClaims: { sub: String(claims['sub'] ?? '') },
    enhancedAuthContext: strings(authorizer),
    headers: strings(event.headers),
    query: strings(event.queryStringParameters),
    path: strings(event.pathParameters),
    identity: strings(event.requestContext.identity as unknown as Record<string, unknown>),
    stageVariables: strings(event.stageVariables),
    requestPath: event.resource,
  };
}

/**
 * The response of `integration: lambda` with osls's default integration responses: a result is
 * 200 with its JSON; an error is matched by its `errorMessage` against the status patterns
 * (`[404] Not found` → 404) and its error JSON is the body; an error no pattern matches falls to
 * the default (200) response, as on API Gateway.
 */
export function lambdaIntegrationResponse(invocation: InvocationRecord, cors: RestCors | undefined, requestId: string): RestResponse {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId };
  if (cors !== undefined) {
    headers['Access-Control-Allow-Origin'] = cors.origins.join(',');
    if (cors.allowCredentials) headers['Access-Control-Allow-Credentials'] = 'true';
  }
  if (invocation.outcome === 'success') {
    return { statusCode: 200, headers, multiValueHeaders: {}, body: JSON.stringify(invocation.result ?? null), isBase64Encoded: false };
  }
  const message = invocation.error?.errorMessage ?? '';
  const status = DEFAULT_STATUS_PATTERNS.find(([, pattern]) => pattern.test(message))?.[0] ?? 200;
  const body = JSON.stringify({ errorMessage: message, errorType: invocation.error?.errorType ?? 'Error', stackTrace: invocation.error?.trace ?? [] });
  return { statusCode: status, headers, multiValueHeaders: {}, body, isBase64Encoded: false };
}
