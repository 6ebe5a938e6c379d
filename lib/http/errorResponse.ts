import { ConflictError, EntityValidationError } from '../repository/errors';
import { logger } from '../observability/logger';
import { fieldIssues } from './fieldIssues';
import { ForbiddenError, MalformedJsonError, NotFoundError, RequestValidationError, UnauthorizedError } from './errors';
import { json, type HttpResult } from './responses';

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;
type ErrorMapping = readonly [ErrorClass<Error>, (error: never) => HttpResult];

const mapping = <E extends Error>(type: ErrorClass<E>, respond: (error: E) => HttpResult): ErrorMapping => [type, respond];

/** Known errors → client responses. First match wins; anything else is a 500. */
const errorMappings: readonly ErrorMapping[] = [
  mapping(MalformedJsonError, (e) => json(400, { message: e.message })),
  mapping(RequestValidationError, (e) => json(400, { message: e.message, issues: e.issues })),
  mapping(EntityValidationError, (e) => json(400, { message: 'Invalid request', issues: fieldIssues('entity', e.issues) })),
  mapping(UnauthorizedError, (e) => json(401, { message: e.message }, { 'www-authenticate': 'Bearer' })),
  mapping(ForbiddenError, (e) => json(403, { message: e.message })),
  mapping(NotFoundError, (e) => json(404, { message: e.message })),
  mapping(ConflictError, (e) => json(409, { message: e.message })),
];

/**
 * The response for an error thrown by a route: a mapped 4xx, or a 500 that reveals nothing
 * (the error itself is logged with the request id).
 */
export function errorResponse(error: unknown, requestId: string | undefined): HttpResult {
  const match = errorMappings.find(([type]) => error instanceof type);
  if (match) return match[1](error as never);
  logger.error('Unhandled error in HTTP route', { requestId, error: error instanceof Error ? error : String(error) });
  return json(500, { message: 'Internal server error' });
}
