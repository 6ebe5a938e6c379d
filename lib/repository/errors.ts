import type { SchemaIssue } from '../schema/schemaIssues';

/** Base of every error the repository throws. `code` is dotted and stable; `entity` names the entity type. */
export class RepositoryError extends Error {
  override readonly name: string = 'RepositoryError';

  constructor(
    readonly code: string,
    readonly entity: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A conditional write lost: the item already exists (`put` with `ifNotExists`), its version is
 * no longer the expected one (`update`), or, for an entity without a version attribute, the item
 * to update does not exist (`missing`). Wraps DynamoDB's ConditionalCheckFailedException as `cause`.
 */
export class ConflictError extends RepositoryError {
  override readonly name = 'ConflictError';

  constructor(
    entity: string,
    readonly reason: 'exists' | 'version' | 'missing',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`repository.conflict.${reason}`, entity, message, options);
  }
}

/** An entity failed its schema, on write (`phase: 'write'`) or when read/decoded (`phase: 'read'`). */
export class EntityValidationError extends RepositoryError {
  override readonly name = 'EntityValidationError';

  constructor(
    entity: string,
    readonly phase: 'write' | 'read',
    readonly issues: SchemaIssue[],
  ) {
    const first = issues[0];
    const where = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unknown issue';
    super('repository.validation', entity, `${entity} failed validation on ${phase} (${where})`);
  }
}

/** A stored item or stream image belongs to another entity type, or has no image at all. */
export class EntityTypeMismatchError extends RepositoryError {
  override readonly name = 'EntityTypeMismatchError';

  constructor(
    entity: string,
    readonly actual: unknown,
  ) {
    super('repository.entity_type_mismatch', entity, `Expected an item of entity type ${entity}, got ${JSON.stringify(actual)}`);
  }
}

/** A pagination cursor was not issued by this service for this query (tampered, truncated or signed with another secret). */
export class InvalidCursorError extends RepositoryError {
  override readonly name = 'InvalidCursorError';

  constructor(entity: string, detail: string) {
    super('repository.invalid_cursor', entity, `Invalid pagination cursor for ${entity}: ${detail}. Pass back the cursor exactly as a previous page returned it.`);
  }
}

/** Why one item of a transaction stopped it: DynamoDB's cancellation `code`, and a typed conflict when a condition failed. */
export interface TransactionItemFailure {
  index: number;
  entity: string;
  /** DynamoDB's cancellation reason code, e.g. `ConditionalCheckFailed`, `TransactionConflict`. */
  code: string;
  message: string | undefined;
  /** Set when `code` is `ConditionalCheckFailed`. */
  conflict: ConflictError | undefined;
}

/** DynamoDB cancelled a transaction; `failures` lists each item whose reason is not `None`. */
export class TransactionCanceledError extends RepositoryError {
  override readonly name = 'TransactionCanceledError';

  constructor(
    readonly failures: TransactionItemFailure[],
    options?: { cause?: unknown },
  ) {
    const summary = failures.map((f) => `#${f.index} ${f.entity}: ${f.code}`).join(', ') || 'no reasons given';
    super('repository.transaction_canceled', failures[0]?.entity ?? 'Transaction', `Transaction cancelled (${summary})`, options);
  }
}

/** A batch operation still had unprocessed items after its last retry; `unprocessed` holds them. */
export class UnprocessedItemsError extends RepositoryError {
  override readonly name = 'UnprocessedItemsError';

  constructor(
    entity: string,
    readonly unprocessed: number,
    readonly attempts: number,
  ) {
    super('repository.unprocessed_items', entity, `${unprocessed} ${entity} item(s) were still unprocessed after ${attempts} attempts (throttling); retry later`);
  }
}

/** An update of an entity without a version attribute had no field to set. */
export class EmptyUpdateError extends RepositoryError {
  override readonly name = 'EmptyUpdateError';

  constructor(entity: string) {
    super('repository.update.empty', entity, `Nothing to update on ${entity}: pass at least one changed field`);
  }
}
