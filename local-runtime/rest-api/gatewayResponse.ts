import type { RestResponse } from './types';

/**
 * API Gateway's default gateway responses of REST APIs
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html):
 * status, JSON body and the `x-amzn-ErrorType` header API Gateway sends with each.
 */
export const GATEWAY_RESPONSES = {
  MISSING_AUTHENTICATION_TOKEN: { statusCode: 403, errorType: 'MissingAuthenticationTokenException', body: '{"message":"Missing Authentication Token"}' },
  /** Wrong or missing stage, or an API key that is missing or unknown (`private: true`). */
  FORBIDDEN: { statusCode: 403, errorType: 'ForbiddenException', body: '{"message":"Forbidden"}' },
  UNAUTHORIZED: { statusCode: 401, errorType: 'UnauthorizedException', body: '{"message":"Unauthorized"}' },
  /** A Lambda authorizer's policy does not allow the method (or denies it). */
  ACCESS_DENIED: { statusCode: 403, errorType: 'AccessDeniedException', body: '{"Message":"User is not authorized to access this resource"}' },
  /** A Lambda authorizer failed or answered something that is not a valid policy. */
  AUTHORIZER_CONFIGURATION_ERROR: { statusCode: 500, errorType: 'AuthorizerConfigurationException', body: '{"message": null}' },
  /** The function failed, timed out, or returned a malformed proxy response. */
  INTEGRATION_FAILURE: { statusCode: 502, errorType: 'InternalServerErrorException', body: '{"message": "Internal server error"}' },
  /** Request over 10 MB (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html). */
  REQUEST_TOO_LARGE: { statusCode: 413, errorType: 'RequestTooLargeException', body: '{"message":"Request Too Long"}' },
} as const;

export type GatewayResponseType = keyof typeof GATEWAY_RESPONSES;

/** The gateway response of `type`, or a 400 `BadRequestException` with `message` (request validation). */
export function gatewayResponse(type: GatewayResponseType | { badRequest: string }, requestId: string): RestResponse {
  const spec = typeof type === 'string'
    ? GATEWAY_RESPONSES[type]
    : { statusCode: 400, errorType: 'BadRequestException', body: JSON.stringify({ message: type.badRequest }) };
  return {
    statusCode: spec.statusCode,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': spec.errorType, 'x-amzn-requestid': requestId },
    multiValueHeaders: {},
    body: spec.body,
    isBase64Encoded: false,
  };
}
