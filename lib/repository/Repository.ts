import type { DynamoDBDocumentClient, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue as StreamAttributeValue } from 'aws-lambda';
import * as v from 'valibot';
import { schemaIssues } from '../schema/schemaIssues';
import { buildVersionedUpdate } from './buildUpdate';
import { decodeCursor, encodeCursor } from './cursor';
import { ENTITY_TYPE_ATTRIBUTE, type EntityDefinition, type EntitySchema } from './defineEntity';
import { ConflictError, EmptyUpdateError, RepositoryError, EntityTypeMismatchError, EntityValidationError, UnprocessedItemsError } from './errors';
import { retryUnprocessed, type RetryOptions } from './retryUnprocessed';
import { buildKeyCondition, type SortKeyCondition } from './sortKeyCondition';

/** A stream record's `NewImage`/`OldImage`, in DynamoDB JSON as Lambda delivers it. */
export type StreamImage = Record<string, StreamAttributeValue>;

/** Changes accepted by {@link Repository.update}: any entity fields except the version attribute, which the repository manages. */
export type EntityChanges<Entity, Version extends string = 'version'> = Partial<Omit<Entity, Version>>;

/** Whether `Version` names no attribute (the entity has no optimistic locking). */
type Unversioned<Version extends string> = [Version] extends [never] ? true : false;

/** Options of {@link Repository.update}: `expectedVersion` is required for a versioned entity and not accepted otherwise. */
export type UpdateArgs<Version extends string> = Unversioned<Version> extends true ? [options?: { expectedVersion?: never }] : [options: { expectedVersion: number }];

/** Options of {@link Repository.delete}: `expectedVersion` (optional) makes a versioned entity's delete conditional. */
export type DeleteOptions<Version extends string> = Unversioned<Version> extends true ? { expectedVersion?: never } : { expectedVersion?: number };

/** One page of a query or scan; pass `cursor` back to get the next page (absent on the last page). */
export interface Page<Entity> {
  items: Entity[];
  cursor?: string;
}

/** Options of {@link Repository.query}. `partition` is the partition key value (e.g. `CUSTOMER#42`). */
export interface QueryOptions<IndexName extends string> {
  partition: string;
  /** Query a GSI instead of the table (its keys are `<index>PK`/`<index>SK`). */
  index?: IndexName;
  sort?: SortKeyCondition;
  /** Items evaluated per page (DynamoDB applies `Limit` before the entity-type filter). */
  limit?: number;
  cursor?: string;
  /** Ascending sort key order (default true). */
  forward?: boolean;
  consistentRead?: boolean;
}

/** Options of {@link Repository.scan}. */
export interface ScanOptions<IndexName extends string> {
  index?: IndexName;
  limit?: number;
  cursor?: string;
}

/** One item of a transaction, built by a repository; see `Transaction`. */
export interface TransactionItem {
  request: NonNullable<TransactWriteCommandInput['TransactItems']>[number];
  entity: string;
  /** Which conflict a failed condition on this item means. */
  conflict: 'exists' | 'version' | 'missing';
}

/** Options of the repository itself. */
export interface RepositoryOptions {
  /** Retry policy of batchGet/batchWrite for unprocessed items. */
  retry?: RetryOptions;
}

const isConditionalCheckFailure = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

const chunk = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

const entityFilter = (name: string) => ({
  FilterExpression: '#entityType = :entityType',
  names: { '#entityType': ENTITY_TYPE_ATTRIBUTE },
  values: { ':entityType': name },
});

/**
 * Typed access to one entity in one table. `tableName` may be a function so it is read at call
 * time (e.g. from `process.env.TABLE_NAME`), never at module load. Every attribute name and value
 * in the expressions it sends goes through a placeholder.
 */
export class Repository<Name extends string, Schema extends EntitySchema, KeyInput, IndexName extends string = string, Version extends string = string> {
  constructor(
    readonly entity: EntityDefinition<Name, Schema, KeyInput, IndexName, Version>,
    private readonly table: string | (() => string),
    readonly client: DynamoDBDocumentClient,
    private readonly options: RepositoryOptions = {},
  ) {}

  get tableName(): string {
    return typeof this.table === 'function' ? this.table() : this.table;
  }

  /**
   * Validates and writes the entity with its key attributes and `entityType`.
   * With `ifNotExists`, the write is conditional on `attribute_not_exists(PK)` and a lost race
   * throws {@link ConflictError} (`reason: 'exists'`).
   */
  async put(entity: v.InferOutput<Schema>, options: { ifNotExists?: boolean } = {}): Promise<v.InferOutput<Schema>> {
    const Put = this.putItem(entity, options).request.Put as NonNullable<TransactionItem['request']['Put']>;
    const item = Put.Item ?? {};
    try {
      await this.client.send(new PutCommand(Put));
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
      throw new ConflictError(this.entity.name, 'exists', `${this.entity.name} ${String(item['PK'])} already exists`, { cause: error });
    }
    return this.entity.fromItem(item);
  }

  /** The entity with this key, validated, or `undefined` if there is no such item. */
  async get(key: KeyInput, options: { consistentRead?: boolean } = {}): Promise<v.InferOutput<Schema> | undefined> {
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
   * Optimistic-locking update: sets `changes`, increments the version attribute, and succeeds only
   * if the stored version equals `expectedVersion` (a missing item fails the condition too).
   * Throws {@link ConflictError} (`reason: 'version'`) when the condition fails.
   * For an entity without a version attribute, the update is unconditional except that the item
   * must exist (`reason: 'missing'` otherwise), and it must set at least one field.
   * Returns the whole updated entity (ReturnValues ALL_NEW).
   *
   * Key attributes are not recomputed: do not change fields that keys are derived from.
   */
  async update(key: KeyInput, changes: EntityChanges<v.InferOutput<Schema>, Version>, ...[options]: UpdateArgs<Version>): Promise<v.InferOutput<Schema>> {
    const expectedVersion = (options as { expectedVersion?: number } | undefined)?.expectedVersion;
    const { Update } = this.updateItem(key, changes, ...([options] as UpdateArgs<Version>)).request;
    try {
      const { Attributes } = await this.client.send(new UpdateCommand({ ...(Update as NonNullable<typeof Update>), ReturnValues: 'ALL_NEW' }));
      return this.entity.fromItem(Attributes ?? {});
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
      throw this.conflict(key, expectedVersion, error);
    }
  }

  /**
   * Deletes the item and returns the entity it held (`undefined` if there was none). With
   * `expectedVersion`, the delete is conditional and a mismatch throws {@link ConflictError}.
   */
  async delete(key: KeyInput, options: DeleteOptions<Version> = {}): Promise<v.InferOutput<Schema> | undefined> {
    const { Delete } = this.deleteItem(key, options).request;
    try {
      const { Attributes } = await this.client.send(new DeleteCommand({ ...(Delete as NonNullable<typeof Delete>), ReturnValues: 'ALL_OLD' }));
      return Attributes === undefined ? undefined : this.entity.fromItem(Attributes);
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
      throw this.conflict(key, options.expectedVersion ?? 0, error);
    }
  }

  /**
   * One page of this entity's items in a partition of the table or of a GSI, with an optional
   * sort key condition (`eq`, `lt`, `lte`, `gt`, `gte`, `beginsWith`, `between`). Items of other
   * entity types in the same partition are filtered out.
   *
   * @example
   * const page = await orders.query({ index: 'GSI1', partition: 'CUSTOMER#42', sort: { beginsWith: 'ORDER#2024' } });
   * const next = page.cursor && (await orders.query({ index: 'GSI1', partition: 'CUSTOMER#42', cursor: page.cursor }));
   */
  async query(options: QueryOptions<IndexName>): Promise<Page<v.InferOutput<Schema>>> {
    const [pk, sk] = options.index === undefined ? ['PK', 'SK'] : [`${options.index}PK`, `${options.index}SK`];
    const key = buildKeyCondition(pk, options.partition, sk, options.sort);
    const filter = entityFilter(this.entity.name);
    const scope = `query|${this.entity.name}|${options.index ?? ''}|${options.partition}`;
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        ...(options.index === undefined ? {} : { IndexName: options.index }),
        KeyConditionExpression: key.KeyConditionExpression,
        FilterExpression: filter.FilterExpression,
        ExpressionAttributeNames: { ...key.ExpressionAttributeNames, ...filter.names },
        ExpressionAttributeValues: { ...key.ExpressionAttributeValues, ...filter.values },
        ...this.pageInput(scope, options),
        ...(options.forward === false ? { ScanIndexForward: false } : {}),
        ...(options.consistentRead ? { ConsistentRead: true } : {}),
      }),
    );
    return this.page(scope, result.Items, result.LastEvaluatedKey);
  }

  /** One page of a scan of the table (or a GSI), keeping only this entity's items. */
  async scan(options: ScanOptions<IndexName> = {}): Promise<Page<v.InferOutput<Schema>>> {
    const filter = entityFilter(this.entity.name);
    const scope = `scan|${this.entity.name}|${options.index ?? ''}`;
    const result = await this.client.send(
      new ScanCommand({
        TableName: this.tableName,
        ...(options.index === undefined ? {} : { IndexName: options.index }),
        FilterExpression: filter.FilterExpression,
        ExpressionAttributeNames: filter.names,
        ExpressionAttributeValues: filter.values,
        ...this.pageInput(scope, options),
      }),
    );
    return this.page(scope, result.Items, result.LastEvaluatedKey);
  }

  /**
   * The entities with these keys (missing ones are absent from the result, order not guaranteed).
   * Sends BatchGetItem in chunks of 100 distinct keys and retries unprocessed keys with
   * exponential backoff and jitter; throws {@link UnprocessedItemsError} when retries run out.
   */
  async batchGet(keys: readonly KeyInput[], options: { consistentRead?: boolean } = {}): Promise<v.InferOutput<Schema>[]> {
    const distinct = [...new Map(keys.map((k) => this.entity.primaryKey(k)).map((k) => [`${k['PK']}\u0000${k['SK']}`, k])).values()];
    const found: Record<string, unknown>[] = [];
    for (const part of chunk(distinct, 100)) {
      const { left, attempts } = await retryUnprocessed(
        part,
        async (batch) => {
          const table = this.tableName;
          const result = await this.client.send(
            new BatchGetCommand({ RequestItems: { [table]: { Keys: batch, ...(options.consistentRead ? { ConsistentRead: true } : {}) } } }),
          );
          found.push(...(result.Responses?.[table] ?? []));
          return (result.UnprocessedKeys?.[table]?.Keys ?? []) as typeof batch;
        },
        this.options.retry,
      );
      if (left.length > 0) throw new UnprocessedItemsError(this.entity.name, left.length, attempts);
    }
    return found.map((item) => this.entity.fromItem(item));
  }

  /**
   * Writes and deletes many items (BatchWriteItem, chunks of 25, no conditions), retrying
   * unprocessed items with exponential backoff and jitter; throws {@link UnprocessedItemsError}
   * when retries run out. Every entity is validated before anything is sent.
   */
  async batchWrite(writes: { put?: readonly v.InferOutput<Schema>[]; delete?: readonly KeyInput[] }): Promise<void> {
    const requests = [
      ...(writes.put ?? []).map((entity) => ({ PutRequest: { Item: this.entity.toItem(entity) } })),
      ...(writes.delete ?? []).map((key) => ({ DeleteRequest: { Key: this.entity.primaryKey(key) } })),
    ];
    for (const part of chunk(requests, 25)) {
      const { left, attempts } = await retryUnprocessed(
        part,
        async (batch) => {
          const table = this.tableName;
          const result = await this.client.send(new BatchWriteCommand({ RequestItems: { [table]: batch } }));
          return (result.UnprocessedItems?.[table] ?? []) as typeof batch;
        },
        this.options.retry,
      );
      if (left.length > 0) throw new UnprocessedItemsError(this.entity.name, left.length, attempts);
    }
  }

  /** A transaction item that puts the entity (optionally only if absent). */
  putItem(entity: v.InferOutput<Schema>, options: { ifNotExists?: boolean } = {}): TransactionItem {
    const Item = this.entity.toItem(entity);
    const condition = options.ifNotExists ? { ConditionExpression: 'attribute_not_exists(PK)' } : {};
    return { request: { Put: { TableName: this.tableName, Item, ...condition } }, entity: this.entity.name, conflict: 'exists' };
  }

  /** A transaction item that updates the entity (under optimistic locking when versioned; see {@link Repository.update}). */
  updateItem(key: KeyInput, changes: EntityChanges<v.InferOutput<Schema>, Version>, ...[options]: UpdateArgs<Version>): TransactionItem {
    const checked = v.safeParse(v.partial(this.entity.schema as EntitySchema), changes);
    if (!checked.success) throw new EntityValidationError(this.entity.name, 'write', schemaIssues(checked.issues));
    const { versionAttribute } = this.entity;
    const expectedVersion = (options as { expectedVersion?: number } | undefined)?.expectedVersion;
    const fields = checked.output as Record<string, unknown>;
    if (versionAttribute === undefined && Object.values(fields).every((value) => value === undefined)) throw new EmptyUpdateError(this.entity.name);
    const update = buildVersionedUpdate(fields, versionAttribute === undefined ? undefined : (expectedVersion ?? 0), versionAttribute);
    return { request: { Update: { TableName: this.tableName, Key: this.entity.primaryKey(key), ...update } }, entity: this.entity.name, conflict: versionAttribute === undefined ? 'missing' : 'version' };
  }

  /** A transaction item that deletes the entity (conditional on its version when given). */
  deleteItem(key: KeyInput, options: DeleteOptions<Version> = {}): TransactionItem {
    const condition =
      options.expectedVersion === undefined
        ? {}
        : { ConditionExpression: '#version = :expected', ExpressionAttributeNames: { '#version': this.versionAttributeName() }, ExpressionAttributeValues: { ':expected': options.expectedVersion } };
    return { request: { Delete: { TableName: this.tableName, Key: this.entity.primaryKey(key), ...condition } }, entity: this.entity.name, conflict: 'version' };
  }

  /** A transaction item that only checks the entity is at `expectedVersion` (versioned entities only). */
  checkItem(key: KeyInput, options: Unversioned<Version> extends true ? never : { expectedVersion: number }): TransactionItem {
    return {
      request: {
        ConditionCheck: {
          TableName: this.tableName,
          Key: this.entity.primaryKey(key),
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': this.versionAttributeName() },
          ExpressionAttributeValues: { ':expected': (options as { expectedVersion: number }).expectedVersion },
        },
      },
      entity: this.entity.name,
      conflict: 'version',
    };
  }

  /**
   * Turns a stream record's `NewImage` or `OldImage` (DynamoDB JSON) into the typed entity,
   * with the same validation as a read. Throws {@link EntityTypeMismatchError} if the image is
   * missing (e.g. KEYS_ONLY streams) or belongs to another entity type.
   * Binary (`B`) attributes stay base64 strings, as Lambda delivers them.
   */
  decode(image: StreamImage | undefined): v.InferOutput<Schema> {
    if (image === undefined) throw new EntityTypeMismatchError(this.entity.name, undefined);
    return this.entity.fromItem(unmarshall(image as Parameters<typeof unmarshall>[0]));
  }

  /** The version attribute; conditions on a version of an entity without one are a caller error. */
  private versionAttributeName(): string {
    const { versionAttribute } = this.entity;
    if (versionAttribute === undefined) throw new RepositoryError('repository.version.none', this.entity.name, `${this.entity.name} has no version attribute: expectedVersion is not supported`);
    return versionAttribute;
  }

  private conflict(key: KeyInput, expectedVersion: number | undefined, cause: unknown): ConflictError {
    const pk = this.entity.primaryKey(key)['PK'];
    if (this.entity.versionAttribute === undefined) return new ConflictError(this.entity.name, 'missing', `${this.entity.name} ${pk} does not exist (deleted concurrently?)`, { cause });
    return new ConflictError(this.entity.name, 'version', `${this.entity.name} ${pk} is not at version ${expectedVersion} (changed or deleted concurrently)`, { cause });
  }

  private pageInput(scope: string, options: { limit?: number; cursor?: string }) {
    return {
      ...(options.limit === undefined ? {} : { Limit: options.limit }),
      ...(options.cursor === undefined ? {} : { ExclusiveStartKey: decodeCursor(this.entity.name, scope, options.cursor) }),
    };
  }

  private page(scope: string, items: Record<string, unknown>[] | undefined, lastKey: Record<string, unknown> | undefined): Page<v.InferOutput<Schema>> {
    const entities = (items ?? []).map((item) => this.entity.fromItem(item));
    return lastKey === undefined ? { items: entities } : { items: entities, cursor: encodeCursor(scope, lastKey) };
  }
}
