import { randomUUID } from 'node:crypto';
import { DynamoDbError, constraintError, validationError } from '../errors';
import { Table } from '../storage/Table';
import { streamLabel } from '../streams/StreamLog';
import { checkCreateTableNames } from './checkTableNames';
import { checkMultiAttributeKeys } from './multiAttributeKeys';
import { tagsAtCreation } from './tagRules';
import { describeTableOf } from './describeTableOf';
import { tableNameOf } from './input';
import { validateCreateTable } from './validateCreateTable';
import { withoutNulls } from './withoutNulls';
import type { Engine } from '../Engine';
import type { IndexDefinition, TableDefinition } from '../storage/Table';
import type { KeyAttribute, KeySchema } from '../storage/keys';
import type { StreamViewType } from '../streams/types';
import type { OperationInput } from './input';

const INVALID = 'One or more parameter values were invalid: ';
type WireKeySchema = { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
type AttributeDefinitions = { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];

function asArray(value: unknown, member: string): Record<string, unknown>[] {
  if (value === undefined || value === null) throw constraintError(null, member, 'Member must not be null');
  if (!Array.isArray(value)) throw validationError(`Invalid ${member}: expected a list`);
  return value as Record<string, unknown>[];
}

/** Shared with UpdateTable. */
export function attributeDefinitionsOf(input: OperationInput): AttributeDefinitions {
  const list = asArray(input.AttributeDefinitions, 'attributeDefinitions');
  return list.map((d, i) => {
    if (!['S', 'N', 'B'].includes(d.AttributeType as string)) {
      throw constraintError(d.AttributeType, `attributeDefinitions.${i + 1}.member.attributeType`, 'Member must satisfy enum value set: [B, N, S]');
    }
    if (typeof d.AttributeName !== 'string' || d.AttributeName === '') throw constraintError(null, `attributeDefinitions.${i + 1}.member.attributeName`, 'Member must not be null');
    return { AttributeName: d.AttributeName, AttributeType: d.AttributeType as 'S' | 'N' | 'B' };
  });
}

/** Turn a wire KeySchema into a typed schema, checking shape and that its attributes are defined (shared with UpdateTable). */
export function keySchemaOf(value: unknown, member: string, definitions: AttributeDefinitions): { schema: KeySchema; wire: WireKeySchema } {
  const list = asArray(value, member);
  if (list.length < 1 || list.length > 2) throw constraintError(JSON.stringify(list), member, 'Member must have length less than or equal to 2');
  const hash = list[0];
  const range = list[1];
  if (hash?.KeyType !== 'HASH') throw validationError(`${INVALID}Invalid KeySchema: The first KeySchemaElement is not a HASH key type`);
  if (range && range.KeyType !== 'RANGE') throw validationError(`${INVALID}Invalid KeySchema: The second KeySchemaElement is not a RANGE key type`);
  if (range && range.AttributeName === hash.AttributeName) throw validationError(`${INVALID}Both the Hash Key and the Range Key element in the KeySchema have the same name`);
  const typed = (element: Record<string, unknown>): KeyAttribute => {
    const definition = definitions.find((d) => d.AttributeName === element.AttributeName);
    if (!definition) {
      throw validationError(
        `${INVALID}Some index key attributes are not defined in AttributeDefinitions. Keys: [${list.map((e) => String(e.AttributeName)).join(', ')}], AttributeDefinitions: [${definitions.map((d) => d.AttributeName).join(', ')}]`,
      );
    }
    return { name: definition.AttributeName, type: definition.AttributeType };
  };
  const schema: KeySchema = range ? { hash: typed(hash), range: typed(range) } : { hash: typed(hash) };
  return { schema, wire: list.map((e) => ({ AttributeName: String(e.AttributeName), KeyType: e.KeyType as 'HASH' | 'RANGE' })) };
}

/** Shared with UpdateTable. */
export function projectionOf(value: unknown, indexName: string): IndexDefinition['projection'] {
  const projection = (value ?? {}) as Record<string, unknown>;
  const type = projection.ProjectionType;
  if (type !== 'ALL' && type !== 'KEYS_ONLY' && type !== 'INCLUDE') throw validationError(`${INVALID}Unknown ProjectionType: ${String(type)} for index: ${indexName}`);
  const nonKey = projection.NonKeyAttributes;
  if (type === 'INCLUDE' && (!Array.isArray(nonKey) || nonKey.length === 0)) {
    throw validationError(`${INVALID}ProjectionType is INCLUDE, but NonKeyAttributes is not specified`);
  }
  if (type !== 'INCLUDE' && nonKey !== undefined) throw validationError(`${INVALID}ProjectionType is ${type}, but NonKeyAttributes is specified`);
  return type === 'INCLUDE' ? { ProjectionType: type, NonKeyAttributes: nonKey as string[] } : { ProjectionType: type };
}

function indexesOf(input: OperationInput, tableSchema: KeySchema, definitions: AttributeDefinitions, tableArn: string, billing: string): IndexDefinition[] {
  const build = (kind: 'GSI' | 'LSI', raw: unknown): IndexDefinition[] =>
    raw === undefined
      ? []
      : asArray(raw, kind === 'GSI' ? 'globalSecondaryIndexes' : 'localSecondaryIndexes').map((index) => {
          const name = index.IndexName;
          if (typeof name !== 'string' || name.length < 3) throw constraintError(name, 'indexName', 'Member must have length greater than or equal to 3');
          const { schema, wire } = keySchemaOf(index.KeySchema, 'keySchema', definitions);
          if (kind === 'LSI' && (schema.hash.name !== tableSchema.hash.name || !schema.range)) {
            throw validationError(`${INVALID}Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex`);
          }
          const pt = index.ProvisionedThroughput as Record<string, unknown> | undefined;
          if (kind === 'GSI' && billing === 'PROVISIONED' && !pt) throw validationError(`${INVALID}ProvisionedThroughput is not specified for index: ${name}`);
          return {
            name,
            kind,
            schema,
            keySchemaWire: wire,
            projection: projectionOf(index.Projection, name),
            ...(pt ? { provisionedThroughput: pt } : {}),
            arn: `${tableArn}/index/${name}`,
          };
        });
  const all = [...build('GSI', input.GlobalSecondaryIndexes), ...build('LSI', input.LocalSecondaryIndexes)];
  const names = new Set<string>();
  for (const index of all) {
    if (names.has(index.name)) throw validationError(`${INVALID}Duplicate index name: ${index.name}`);
    names.add(index.name);
  }
  return all;
}

function assertDefinitionsUsed(definitions: AttributeDefinitions, tableSchema: KeySchema, indexes: IndexDefinition[]): void {
  const used = new Set<string>();
  for (const schema of [tableSchema, ...indexes.map((i) => i.schema)]) {
    used.add(schema.hash.name);
    if (schema.range) used.add(schema.range.name);
  }
  if (definitions.some((d) => !used.has(d.AttributeName)) || used.size !== definitions.length) {
    throw validationError(`${INVALID}Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions`);
  }
}

function billingOf(input: OperationInput): Pick<TableDefinition, 'billingMode' | 'provisionedThroughput'> {
  const mode = (input.BillingMode ?? 'PROVISIONED') as string;
  if (mode !== 'PROVISIONED' && mode !== 'PAY_PER_REQUEST') throw constraintError(mode, 'billingMode', 'Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]');
  const pt = input.ProvisionedThroughput as { ReadCapacityUnits?: number; WriteCapacityUnits?: number } | undefined;
  if (mode === 'PAY_PER_REQUEST') {
    if (pt) throw validationError(`${INVALID}Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST`);
    return { billingMode: mode };
  }
  if (!pt || typeof pt.ReadCapacityUnits !== 'number' || typeof pt.WriteCapacityUnits !== 'number') {
    throw validationError(`${INVALID}ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED`);
  }
  return { billingMode: mode, provisionedThroughput: { ReadCapacityUnits: pt.ReadCapacityUnits, WriteCapacityUnits: pt.WriteCapacityUnits } };
}

const VIEW_TYPES: readonly StreamViewType[] = ['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY'];

function streamViewTypeOf(input: OperationInput): StreamViewType | undefined {
  const spec = input.StreamSpecification as { StreamEnabled?: boolean; StreamViewType?: string } | undefined;
  if (!spec || spec.StreamEnabled !== true) return undefined;
  if (!VIEW_TYPES.includes(spec.StreamViewType as StreamViewType)) {
    throw validationError(`${INVALID}StreamViewType must be specified when StreamEnabled is true`);
  }
  return spec.StreamViewType as StreamViewType;
}

/**
 * CreateTable (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html).
 * The table is ACTIVE at once (AWS passes through CREATING first).
 */
export function createTable(engine: Engine, request: OperationInput): Record<string, unknown> {
  const input = withoutNulls(request);
  const name = tableNameOf(input);
  checkCreateTableNames(input);
  checkMultiAttributeKeys(input);
  const definitions = attributeDefinitionsOf(input);
  validateCreateTable(input);
  const { schema, wire } = keySchemaOf(input.KeySchema, 'keySchema', definitions);
  const { region, accountId, clock } = engine.options;
  const arn = `arn:aws:dynamodb:${region}:${accountId}:table/${name}`;
  const billing = billingOf(input);
  const indexes = indexesOf(input, schema, definitions, arn, billing.billingMode);
  assertDefinitionsUsed(definitions, schema, indexes);
  const viewType = streamViewTypeOf(input);
  if (engine.tables.has(name)) throw new DynamoDbError('ResourceInUseException', `Table already exists: ${name}`);
  const now = clock.now();
  const sse = input.SSESpecification as Record<string, unknown> | undefined;
  const label = streamLabel(now);
  const definition: TableDefinition = {
    name,
    arn,
    id: randomUUID(),
    createdAtMs: now,
    schema,
    keySchemaWire: wire,
    attributeDefinitions: definitions,
    indexes,
    ...billing,
    ...(viewType ? { stream: { viewType, label, arn: `${arn}/stream/${label}` } } : {}),
    sseEnabled: sse?.Enabled === true || sse?.SSEEnabled === true,
    ...(sse ? { sseSpecification: sse } : {}),
    tags: tagsAtCreation(input),
    tableClass: typeof input.TableClass === 'string' ? input.TableClass : 'STANDARD',
    deletionProtectionEnabled: input.DeletionProtectionEnabled === true,
  };
  const table = new Table(definition);
  engine.tables.set(name, table);
  if (definition.stream) engine.streamLog.createStream(definition.stream.arn, region, definition.stream.viewType, { keySchema: definition.keySchemaWire });
  return { TableDescription: describeTableOf(table) };
}
