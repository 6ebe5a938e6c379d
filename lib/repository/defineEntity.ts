import * as v from 'valibot';
import { schemaIssues } from '../schema/schemaIssues';
import { EntityTypeMismatchError, EntityValidationError } from './errors';

/** The schema of an entity: a valibot object schema (`v.object({...})`; unknown attributes are stripped). */
export type EntitySchema = v.ObjectSchema<v.ObjectEntries, v.ErrorMessage<v.ObjectIssue> | undefined>;

/** Key attributes of an item in a single-table design: `PK`/`SK` plus `<index>PK`/`<index>SK` per GSI. */
export type KeyAttributes = Record<string, string>;

/** How a GSI's key is derived from an entity. Return `undefined` from `pk` to leave the item out of the index (sparse index). */
export interface IndexKeyDefinition<Entity> {
  pk: (entity: Entity) => string | undefined;
  sk: (entity: Entity) => string;
}

/** `'version'` if the schema has a `version` field (the default version attribute), otherwise `never` (no optimistic locking). */
export type DefaultVersionAttribute<Schema extends EntitySchema> = 'version' extends keyof v.InferOutput<Schema> ? 'version' : never;

/** Input of {@link defineEntity}. `KeyInput` is inferred from the parameter type of `key.pk`. */
export interface EntityDefinitionInput<Name extends string, Schema extends EntitySchema, KeyInput, IndexName extends string = string, Version extends string = never> {
  name: Name;
  schema: Schema;
  key: { pk: (key: KeyInput) => string; sk: (key: KeyInput) => string };
  indexes?: Record<IndexName, IndexKeyDefinition<v.InferOutput<Schema>>>;
  /** The entity field DynamoDB's TTL reads (epoch seconds), if the entity expires. See `expiresAt`. */
  ttlAttribute?: keyof v.InferOutput<Schema> & string;
  /**
   * The numeric entity field used for optimistic locking (checked and incremented by every update).
   * Defaults to `version` when the schema has that field; an entity without one has no locking.
   */
  versionAttribute?: Version;
}

/** A defined entity: its schema and the pure item ↔ entity mappings the repository uses. */
export interface EntityDefinition<Name extends string, Schema extends EntitySchema, KeyInput, IndexName extends string = string, Version extends string = string> {
  readonly name: Name;
  readonly schema: Schema;
  /** GSI names declared in `indexes` (their key attributes are `<name>PK`/`<name>SK`). */
  readonly indexNames: readonly IndexName[];
  /** The TTL attribute, if declared. */
  readonly ttlAttribute: string | undefined;
  /** The optimistic-locking attribute, or `undefined` when the entity has none. */
  readonly versionAttribute: Version | undefined;
  /** `PK`/`SK` of the item identified by `key`. */
  primaryKey(key: KeyInput): KeyAttributes;
  /** Validates `entity` and returns the item to store: its fields, every key attribute and `entityType`. */
  toItem(entity: v.InferOutput<Schema>): Record<string, unknown>;
  /** Strips key attributes and `entityType`, then validates. Throws on another entity type or invalid data. */
  fromItem(item: Record<string, unknown>): v.InferOutput<Schema>;
  /** Names of the attributes the repository owns (key attributes and `entityType`). */
  readonly reservedAttributes: readonly string[];
}

/** The entity type (the schema's output) of an entity definition. */
export type EntityOf<D> = D extends EntityDefinition<string, infer S, unknown> ? v.InferOutput<S> : never;

export const ENTITY_TYPE_ATTRIBUTE = 'entityType';

/**
 * Declares an entity stored in a single table: its valibot object schema, how its primary key and GSI keys
 * are composed, and its `entityType` name. A `version` field (or the field named by
 * `versionAttribute`, e.g. `'rev'`) turns on optimistic locking; without one, updates are unconditional
 * (except that the item must exist).
 *
 * @example
 * const Order = defineEntity({
 *   name: 'Order',
 *   schema: orderSchema,
 *   key: { pk: (o: { id: string }) => `ORDER#${o.id}`, sk: () => 'ORDER' },
 *   indexes: { GSI1: { pk: (o) => `CUSTOMER#${o.customerId}`, sk: (o) => `ORDER#${o.createdAt}#${o.id}` } },
 * });
 */
export function defineEntity<
  const Name extends string,
  Schema extends EntitySchema,
  KeyInput extends Partial<v.InferOutput<Schema>> = v.InferOutput<Schema>,
  const IndexName extends string = never,
  const Version extends keyof v.InferOutput<Schema> & string = DefaultVersionAttribute<Schema>,
>(input: EntityDefinitionInput<Name, Schema, KeyInput, IndexName, Version>): EntityDefinition<Name, Schema, KeyInput, IndexName, Version> {
  const { name, schema, key } = input;
  const versionAttribute = input.versionAttribute ?? ('version' in schema.entries ? ('version' as Version) : undefined);
  const indexes = Object.entries<IndexKeyDefinition<v.InferOutput<Schema>>>(input.indexes ?? ({} as Record<IndexName, IndexKeyDefinition<v.InferOutput<Schema>>>));
  const reservedAttributes = ['PK', 'SK', ENTITY_TYPE_ATTRIBUTE, ...indexes.flatMap(([index]) => [`${index}PK`, `${index}SK`])];

  const primaryKey = (k: KeyInput): KeyAttributes => ({ PK: key.pk(k), SK: key.sk(k) });

  const validate = (data: unknown, phase: 'write' | 'read'): v.InferOutput<Schema> => {
    const parsed = v.safeParse(schema, data);
    if (!parsed.success) throw new EntityValidationError(name, phase, schemaIssues(parsed.issues));
    return parsed.output;
  };

  const indexKeys = (entity: v.InferOutput<Schema>): KeyAttributes => {
    const keys: KeyAttributes = {};
    for (const [index, definition] of indexes) {
      const pk = definition.pk(entity);
      if (pk === undefined) continue;
      keys[`${index}PK`] = pk;
      keys[`${index}SK`] = definition.sk(entity);
    }
    return keys;
  };

  return {
    name,
    schema,
    indexNames: indexes.map(([index]) => index as IndexName),
    ttlAttribute: input.ttlAttribute,
    versionAttribute,
    reservedAttributes,
    primaryKey,
    toItem(entity) {
      const valid = validate(entity, 'write');
      // The entity satisfies KeyInput: KeyInput is constrained to a subset of the entity's fields.
      return { ...valid, ...primaryKey(valid as unknown as KeyInput), ...indexKeys(valid), [ENTITY_TYPE_ATTRIBUTE]: name };
    },
    fromItem(item) {
      const type = item[ENTITY_TYPE_ATTRIBUTE];
      if (type !== undefined && type !== name) throw new EntityTypeMismatchError(name, type);
      const fields = Object.fromEntries(Object.entries(item).filter(([attribute]) => !reservedAttributes.includes(attribute)));
      return validate(fields, 'read');
    },
  };
}
