import type { InvocationRecord } from '../lambda/types';

/** An HTTP request as the emulator receives it. */
export interface HttpApiRequest {
  method: string;
  /** Raw (still URL-encoded) path, without the query string. */
  path: string;
  /** Raw query string, without `?`. */
  query?: string;
  headers?: Record<string, string | string[] | undefined>;
  /** Header names and values as sent (node's `rawHeaders`), when the request came over a socket; REST APIs keep the client's case. */
  rawHeaders?: string[];
  body?: string | Buffer;
  sourceIp?: string;
}

/** The response API Gateway sends back to the client. */
export interface HttpApiResponse {
  statusCode: number;
  headers: Record<string, string>;
  /** Values for `set-cookie` headers. */
  cookies?: string[];
  body: string;
  /** True when `body` is base64 of binary content. */
  isBase64Encoded: boolean;
  /** The matched route key, when a route matched. */
  route?: string;
  invocation?: InvocationRecord;
}

/** Payload format 2.0 event (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html). */
export interface HttpApiEventV2 {
  version: '2.0';
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  pathParameters?: Record<string, string>;
  requestContext: {
    accountId: string;
    apiId: string;
    domainName: string;
    domainPrefix: string;
    http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
    requestId: string;
    routeKey: string;
    stage: string;
    time: string;
    timeEpoch: number;
    /** Present on routes with a JWT authorizer: the token's claims (as strings) and scopes. */
    authorizer?: { jwt: { claims: Record<string, string>; scopes: string[] | null } };
  };
  body?: string;
  isBase64Encoded: boolean;
}
