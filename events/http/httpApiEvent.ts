import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** Parts of an HTTP API request that a test usually varies. */
export interface HttpApiEventInput {
  method: string;
  /** Route path as declared, e.g. `/orders/{id}`; defaults to `rawPath`. */
  route?: string;
  rawPath: string;
  rawQueryString?: string;
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  /** Sent as-is; objects are JSON-encoded. */
  body?: string | object;
  isBase64Encoded?: boolean;
  requestId?: string;
}

/**
 * An API Gateway HTTP API event, payload format version 2.0, in the exact AWS shape
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
 * Header names are lower-case, as API Gateway delivers them.
 */
export function httpApiEvent(input: HttpApiEventInput): APIGatewayProxyEventV2 {
  const method = input.method.toUpperCase();
  const routeKey = `${method} ${input.route ?? input.rawPath}`;
  const body = input.body === undefined ? undefined : typeof input.body === 'string' ? input.body : JSON.stringify(input.body);
  const headers = Object.fromEntries(
    Object.entries({
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)), 'content-type': 'application/json' }),
      host: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
      'user-agent': 'curl/8.5.0',
      'x-amzn-trace-id': 'Root=1-66a0b1c2-0123456789abcdef01234567',
      'x-forwarded-for': '203.0.113.10',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
      ...input.headers,
    }).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const timeEpoch = 1_721_900_000_000;
  return {
    version: '2.0',
    routeKey,
    rawPath: input.rawPath,
    rawQueryString: input.rawQueryString ?? '',
    headers,
    ...(input.queryStringParameters ? { queryStringParameters: input.queryStringParameters } : {}),
    ...(input.pathParameters ? { pathParameters: input.pathParameters } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      domainName: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'a1b2c3d4e5',
      http: { method, path: input.rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.10', userAgent: 'curl/8.5.0' },
      requestId: input.requestId ?? 'dGVzdC1yZXF1ZXN0LWlk',
      routeKey,
      stage: '$default',
      time: '25/Jul/2024:09:33:20 +0000',
      timeEpoch,
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: input.isBase64Encoded ?? false,
  };
}
