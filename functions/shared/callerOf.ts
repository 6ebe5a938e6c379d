import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { UnauthorizedError } from '../../lib/http/errors';

/**
 * The caller's subject (`sub` claim), as API Gateway's JWT authorizer passes it in
 * `requestContext.authorizer.jwt.claims`. The authorizer has already verified the token; a
 * missing claim means the route was deployed without it, so the request is refused.
 */
export function callerOf(event: APIGatewayProxyEventV2): string {
  const context = event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
  const sub = context.authorizer?.jwt?.claims?.['sub'];
  if (typeof sub !== 'string' || sub === '') throw new UnauthorizedError();
  return sub;
}
