import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue as StreamAttributeValue } from 'aws-lambda';
import type { z } from 'zod';
import { buildVersionedUpdate } from './buildUpdate';
import type { EntityDefinition } from './defineEntity';
import { ConflictError, EntityTypeMismatchError, EntityValidationError } from './errors';

/** A stream record's `NewImage`/`OldImage`, in DynamoDB JSON as Lambda delivers it. */
export type StreamImage = Record<string, StreamAttributeValue>;

/** Changes accepted by {@link Repository.update}: any entity fields except `version`, which the repository manages. */
export type EntityChanges<Entity> = Partial<Omit<Entity, 'version'>>;

const isConditionalCheckFailure = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/**
 * Typed access to one entity in one table. `tableName` may be a function so it is read at call
 * time (e.g. from `process.env.TABLE_NAME`), never at module load.
 */
export class Repository<Name extends string, Schema extends z.ZodObject, KeyInput> {
  constructor(
    readonly entity: EntityDefinition<Name, Schema, KeyInput>,
    private readonly table: string | (() => string),
    private readonly client: DynamoDBDocumentClient,
  ) {}

  private get tableName(): string {
    return typeof this.table === 'function' ? this.table() : this.table;
  }

  /**
   * Validates and writes the entity with its key attributes and `entityType`.
   * With `ifNotExists`, the write is conditional on `attribute_not_exists(PK)` and a lost race
   * throws {@link ConflictError} (`reason: 'exists'`).
   */
  async put(entity: z.output<Schema>, options: { ifNotExists?: boolean } = {}): Promise<z.output<Schema>> {
    const item = this.entity.toItem(entity);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ...(options.ifNotExists ? { ConditionExpression: 'attribute_not_exists(PK)' } : {}),
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
      throw new ConflictError(this.entity.name, 'exists', `${this.entity.name} ${String(item['PK'])} already exists`, { cause: error });
    }
    return this.entity.fromItem(item);
  }

  /** The entity with this key, validated, or `undefined` if there is no such item. */
  async get(key: KeyInput, options: { consistentRead?: boolean } = {}): Promise<z.output<Schema> | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: this.entity.primaryKey(key),
        ...(options.consistentRead ? { ConsistentRead: true } : {}),
      }),
    );
    return Item === undefined ? undefined : this.entity.fromItem(Item);
  }

  /**
   * Optimistic-locking update: sets `changes`, increments `version`, and succeeds only if the
   * stored `version` equals `expectedVersion` (a missing item fails the condition too).
   * Throws {@link ConflictError} (`reason: 'version'`) when the condition fails.
   * Returns the whole updated entity (ReturnValues ALL_NEW).
   *
   * Key attributes are not recomputed: do not change fields that keys are derived from.
   */
  async update(key: KeyInput, changes: EntityChanges<z.output<Schema>>, options: { expectedVersion: number }): Promise<z.output<Schema>> {
    const checked = this.entity.schema.partial().safeParse(changes);
    if (!checked.success) throw new EntityValidationError(this.entity.name, 'write', checked.error.issues);
    const primaryKey = this.entity.primaryKey(key);
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: primaryKey,
          ...buildVersionedUpdate(checked.data as Record<string, unknown>, options.expectedVersion),
          ReturnValues: 'ALL_NEW',
        }),
      );
      return this.entity.fromItem(Attributes ?? {});
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
      throw new ConflictError(
        this.entity.name,
        'version',
        `${this.entity.name} ${primaryKey['PK']} is not at version ${options.expectedVersion} (changed or deleted concurrently)`,
        { cause: error },
      );
    }
  }

  /**
   * Turns a stream record's `NewImage` or `OldImage` (DynamoDB JSON) into the typed entity,
   * with the same validation as a read. Throws {@link EntityTypeMismatchError} if the image is
   * missing (e.g. KEYS_ONLY streams) or belongs to another entity type.
   * Binary (`B`) attributes stay base64 strings, as Lambda delivers them.
   */
  decode(image: StreamImage | undefined): z.output<Schema> {
    if (image === undefined) throw new EntityTypeMismatchError(this.entity.name, undefined);
    return this.entity.fromItem(unmarshall(image as Parameters<typeof unmarshall>[0]));
  }
}
