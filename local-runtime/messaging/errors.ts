/**
 * An AWS error answered by the local SQS, SNS or EventBridge endpoint: AWS's wire type, message
 * and HTTP status. `queryCode` is the legacy Query error code SQS also sends in
 * `x-amzn-query-error` (e.g. `AWS.SimpleQueueService.TooManyEntriesInBatchRequest`).
 */
export class MessagingError extends Error {
  override readonly name = 'MessagingError';
  readonly code = 'messaging.aws';
  constructor(
    /** AWS's error type, e.g. `TooManyEntriesInBatchRequest`, `ValidationException`, `NotFound`. */
    readonly type: string,
    message: string,
    readonly statusCode: number = 400,
    readonly queryCode?: string,
  ) {
    super(message);
  }
}
