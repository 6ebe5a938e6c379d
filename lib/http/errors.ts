/** One failing field of a request: `field` is a dotted path such as `body.items.0.quantity`. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** Base of the errors a route raises on purpose to answer with a 4xx. */
export class HttpError extends Error {
  override readonly name: string = 'HttpError';

  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The request body is not JSON (400). */
export class MalformedJsonError extends HttpError {
  override readonly name = 'MalformedJsonError';

  constructor(cause: unknown) {
    super('http.malformed_json', 'Request body is not valid JSON', { cause });
  }
}

/** Path, query or body failed its schema (400); `issues` name the failing fields. */
export class RequestValidationError extends HttpError {
  override readonly name = 'RequestValidationError';

  constructor(readonly issues: FieldIssue[]) {
    super('http.invalid_request', 'Invalid request');
  }
}

/** The addressed resource does not exist (404); the message is shown to the client. */
export class NotFoundError extends HttpError {
  override readonly name = 'NotFoundError';

  constructor(message: string) {
    super('http.not_found', message);
  }
}

/** The caller is not authenticated (401): no or invalid credentials. The message is shown to the client. */
export class UnauthorizedError extends HttpError {
  override readonly name = 'UnauthorizedError';

  constructor(message = 'Unauthorized') {
    super('http.unauthorized', message);
  }
}

/** The caller is authenticated but not allowed to do this (403). The message is shown to the client. */
export class ForbiddenError extends HttpError {
  override readonly name = 'ForbiddenError';

  constructor(message = 'Forbidden') {
    super('http.forbidden', message);
  }
}
