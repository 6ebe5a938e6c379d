/** Base of the errors the stream handler raises for a record; `code` is dotted and stable. */
export class StreamRecordError extends Error {
  override readonly name: string = 'StreamRecordError';

  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** With `stopOnFailurePerKey`, a record skipped because an earlier record of the same item failed in this batch. */
export class EarlierFailureOnKeyError extends StreamRecordError {
  override readonly name = 'EarlierFailureOnKeyError';

  constructor(readonly key: string) {
    super('streams.earlier_failure_on_key', `Not processed: an earlier record of item ${key} failed in this batch, so order is kept by retrying from it`);
  }
}

/** The stream handler needs an idempotency table but none was configured. */
export class IdempotencyTableMissingError extends StreamRecordError {
  override readonly name = 'IdempotencyTableMissingError';

  constructor() {
    super('streams.idempotency_table_missing', 'Idempotency is enabled but no table is set: pass idempotency.tableName or set IDEMPOTENCY_TABLE');
  }
}
