/**
 * The engine's one error family: every failure the engine reports is a {@link DynamoDbError}
 * carrying DynamoDB's wire `__type` short name and message, so the wire layer can serialise it
 * exactly as DynamoDB does (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html).
 */
export class DynamoDbError extends Error {
  override readonly name = 'DynamoDbError';
  /** Dotted code for logs, e.g. `dynamodb.ResourceNotFoundException`. */
  readonly code: string;
  /** Extra fields serialised beside `__type`/`message` (e.g. `Item` for ConditionalCheckFailedException). */
  readonly extra: Record<string, unknown>;

  constructor(
    /** AWS error type, e.g. `ResourceNotFoundException`. */
    readonly type: string,
    message: string,
    /** HTTP status the wire protocol answers with. */
    readonly statusCode: number = 400,
    extra: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = `dynamodb.${type}`;
    this.extra = extra;
  }
}

/** `ValidationException` with AWS's message. */
export function validationError(message: string): DynamoDbError {
  return new DynamoDbError('ValidationException', message);
}

/** `ResourceNotFoundException`; item operations say just `Requested resource not found`. */
export function resourceNotFound(message = 'Requested resource not found'): DynamoDbError {
  return new DynamoDbError('ResourceNotFoundException', message);
}

/** `ResourceNotFoundException` as DescribeTable/DeleteTable word it. */
export function tableNotFound(tableName: string): DynamoDbError {
  return resourceNotFound(`Requested resource not found: Table: ${tableName} not found`);
}

/** `ConditionalCheckFailedException`; `item` is returned when ReturnValuesOnConditionCheckFailure is ALL_OLD. */
export function conditionalCheckFailed(item?: Record<string, unknown>): DynamoDbError {
  return new DynamoDbError('ConditionalCheckFailedException', 'The conditional request failed', 400, item ? { Item: item } : {});
}

/**
 * AWS's generic constraint message, e.g.
 * `1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1`.
 */
export function constraintError(value: unknown, member: string, constraint: string): DynamoDbError {
  const shown = value === undefined || value === null ? 'null' : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
  return validationError(`1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`);
}
