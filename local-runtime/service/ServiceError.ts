/** Dotted codes of the service-model error family. */
export type ServiceErrorCode =
  | 'service.sls_failed'
  | 'service.sls_output'
  | 'service.invalid_config'
  | 'service.unknown_reference'
  | 'service.unsupported_intrinsic'
  | 'service.invalid_intrinsic';

/**
 * The one error family of `local-runtime/service`: anything wrong with the service
 * description (serverless.yml, infra/*.yml) or with resolving it. The message says what
 * was wrong and where (file, or a path such as `functions.onOrderPlaced.events[0].stream.arn`).
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  readonly code: ServiceErrorCode;
  /** The file or config path the error is about. */
  readonly where: string;

  constructor(code: ServiceErrorCode, where: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.where = where;
  }
}
