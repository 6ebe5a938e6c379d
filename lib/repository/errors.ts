import type { z } from 'zod';

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
 * A conditional write lost: the item already exists (`put` with `ifNotExists`) or its version is
 * no longer the expected one (`update`). Wraps DynamoDB's ConditionalCheckFailedException as `cause`.
 */
export class ConflictError extends RepositoryError {
  override readonly name = 'ConflictError';

  constructor(
    entity: string,
    readonly reason: 'exists' | 'version',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`repository.conflict.${reason}`, entity, message, options);
  }
}

/** An entity failed its zod schema, on write (`phase: 'write'`) or when read/decoded (`phase: 'read'`). */
export class EntityValidationError extends RepositoryError {
  override readonly name = 'EntityValidationError';

  constructor(
    entity: string,
    readonly phase: 'write' | 'read',
    readonly issues: z.core.$ZodIssue[],
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
