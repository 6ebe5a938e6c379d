/**
 * Types of the API Gateway REST API emulation (`http` events of serverless.yml).
 * Payload format 1.0: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
 */

/** `requestContext.identity` of a REST API event: only `sourceIp` and `userAgent` are known locally. */
export interface RestIdentity {
  accessKey: null;
  accountId: null;
  apiKey: string | null;
  apiKeyId: string | null;
  caller: null;
  clientCert: null;
  cognitoAuthenticationProvider: null;
  cognitoAuthenticationType: null;
  cognitoIdentityId: null;
  cognitoIdentityPoolId: null;
  principalOrgId: null;
  sourceIp: string;
  user: null;
  userAgent: string;
  userArn: null;
}

/** `requestContext` of a payload 1.0 event. */
export interface RestRequestContext {
  accountId: string;
  apiId: string;
  /** Lambda authorizer: `principalId`, `integrationLatency` and the `context` entries; Cognito: `{ claims }`. */
  authorizer?: Record<string, unknown>;
  domainName: string;
  domainPrefix: string;
  extendedRequestId: string;
  httpMethod: string;
  identity: RestIdentity;
  /** The request path as the client sent it, stage included (`/dev/orders/1`). */
  path: string;
  protocol: string;
  requestId: string;
  requestTime: string;
  requestTimeEpoch: number;
  resourceId: string;
  resourcePath: string;
  stage: string;
}

/** The Lambda proxy integration event (payload format 1.0) API Gateway REST APIs send. */
export interface RestApiEvent {
  resource: string;
  path: string;
  httpMethod: string;
  headers: Record<string, string> | null;
  multiValueHeaders: Record<string, string[]> | null;
  queryStringParameters: Record<string, string> | null;
  multiValueQueryStringParameters: Record<string, string[]> | null;
  pathParameters: Record<string, string> | null;
  stageVariables: Record<string, string> | null;
  requestContext: RestRequestContext;
  body: string | null;
  isBase64Encoded: boolean;
}

/** CORS of one resource, as osls builds its OPTIONS method (mock integration). */
export interface RestCors {
  origins: string[];
  headers: string[];
  methods: string[];
  allowCredentials: boolean;
  maxAge?: number;
  cacheControl?: string;
}

/** A Lambda (TOKEN/REQUEST) or Cognito user-pool authorizer of an `http` event. */
export interface RestAuthorizerConfig {
  /** Authorizer name (the function key for Lambda authorizers of this service). */
  name: string;
  type: 'TOKEN' | 'REQUEST' | 'COGNITO_USER_POOLS';
  /** Function key of the authorizer Lambda (TOKEN/REQUEST). */
  functionKey?: string;
  /** `method.request.header.Authorization`, comma-separated for REQUEST authorizers; may be empty for REQUEST with TTL 0. */
  identitySource: string[];
  identityValidationExpression?: string;
  /** Seconds (osls default 300; 0 disables caching). */
  resultTtlInSeconds: number;
  /** Cognito: OAuth scopes the route requires (access tokens). */
  scopes?: string[];
  /** Cognito: user pool ARN. */
  userPoolArn?: string;
}

/** What an `http` event asks of a request (`request.parameters`, `request.schemas`). */
export interface RestRequestRules {
  /** Parameter name → required, per location. */
  querystrings: Record<string, boolean>;
  headers: Record<string, boolean>;
  paths: Record<string, boolean>;
  /** Content type → JSON Schema. */
  schemas: Record<string, object>;
}

/** One REST API method: an `http` event of a function. */
export interface RestRouteDefinition {
  /** Upper-case method or `ANY`. */
  method: string;
  /** Resource path: `/`, `/orders/{id}`, `/files/{proxy+}`. */
  path: string;
  functionKey: string;
  /** `AWS_PROXY` (default, `lambda-proxy`) or `AWS` (`integration: lambda`). */
  integration: 'AWS_PROXY' | 'AWS';
  cors?: RestCors;
  /** `private: true`: an API key is required. */
  private?: boolean;
  authorizer?: RestAuthorizerConfig;
  request?: RestRequestRules;
}

/** A response of the REST API emulation. */
export interface RestResponse {
  statusCode: number;
  /** Single-value headers; a header with several values is in `multiValueHeaders` only. */
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  body: string;
  isBase64Encoded: boolean;
}
