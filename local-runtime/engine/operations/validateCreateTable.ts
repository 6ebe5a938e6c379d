import { constraintError, validationError } from '../errors';
import type { OperationInput } from './input';

const INVALID = 'One or more parameter values were invalid: ';
type Raw = Record<string, unknown>;

const list = (value: unknown): Raw[] => (Array.isArray(value) ? (value as Raw[]) : []);
const names = (schema: Raw[]): string[] => schema.map((e) => String(e.AttributeName));

/** The per-schema checks AWS makes, in its order, for the table and for each index. */
function checkKeySchema(schema: Raw[], definitions: string[], allowMissing: boolean): void {
  const keys = names(schema);
  if (!allowMissing && keys.length > definitions.length) throw validationError('Invalid KeySchema: Some index key attribute have no definition');
  if (keys.some((k) => !definitions.includes(k))) {
    throw validationError(`${INVALID}Some index key attributes are not defined in AttributeDefinitions. Keys: [${keys.join(', ')}], AttributeDefinitions: [${definitions.join(', ')}]`);
  }
  if (keys.length === 2 && keys[0] === keys[1]) throw validationError('Both the Hash Key and the Range Key element in the KeySchema have the same name');
  if (schema[0]?.KeyType !== 'HASH') throw validationError('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  if (schema[1] && schema[1].KeyType !== 'RANGE') throw validationError('Invalid KeySchema: The second KeySchemaElement is not a RANGE key type');
}

/** `owner.KeySchema` with its length constraints; `prefix` is AWS's member path, e.g. `globalSecondaryIndexes.1.member.`. */
function schemaOf(owner: Raw, prefix: string): Raw[] {
  const schema = owner.KeySchema;
  const member = `${prefix}keySchema`;
  if (schema === undefined || schema === null) throw constraintError(null, member, 'Member must not be null');
  const elements = list(schema);
  if (elements.length < 1) throw constraintError(JSON.stringify(schema), member, 'Member must have length greater than or equal to 1');
  if (elements.length > 2) throw constraintError(JSON.stringify(schema), member, 'Member must have length less than or equal to 2');
  return elements;
}

function checkProjection(index: Raw, member: string): void {
  const projection = index.Projection as Raw | undefined | null;
  if (projection === undefined || projection === null) throw constraintError(null, `${member}.projection`, 'Member must not be null');
  const type = projection.ProjectionType;
  if (type === undefined || type === null) throw validationError(`${INVALID}Unknown ProjectionType: null`);
  if (projection.NonKeyAttributes !== undefined && projection.NonKeyAttributes !== null && type !== 'INCLUDE') {
    throw validationError(`${INVALID}ProjectionType is ${String(type)}, but NonKeyAttributes is specified`);
  }
}

function checkIndexes(kind: 'LSI' | 'GSI', input: OperationInput, definitions: string[], seen: Set<string>): void {
  const raw = kind === 'LSI' ? input.LocalSecondaryIndexes : input.GlobalSecondaryIndexes;
  if (raw === undefined || raw === null) return;
  const label = kind === 'LSI' ? 'LocalSecondaryIndexes' : 'GlobalSecondaryIndexes';
  const indexes = list(raw);
  if (indexes.length === 0) throw validationError(`${INVALID}List of ${label} is empty`);
  const tableSchema = list(input.KeySchema);
  if (kind === 'LSI' && tableSchema.length !== 2) {
    throw validationError(`${INVALID}Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex`);
  }
  indexes.forEach((index, i) => {
    const member = `${kind === 'LSI' ? 'localSecondaryIndexes' : 'globalSecondaryIndexes'}.${i + 1}.member`;
    const name = index.IndexName;
    if (name === undefined || name === null) throw constraintError(null, `${member}.indexName`, 'Member must not be null');
    const schema = schemaOf(index, `${member}.`);
    checkKeySchema(schema, definitions, true);
    if (kind === 'LSI') {
      if (schema.length !== 2) throw validationError(`${INVALID}Index KeySchema does not have a range key for index: ${String(name)}`);
      const indexHash = String(schema[0]?.AttributeName);
      const tableHash = String(tableSchema[0]?.AttributeName);
      if (indexHash !== tableHash) {
        throw validationError(`${INVALID}Index KeySchema does not have the same leading hash key as table KeySchema for index: ${String(name)}. index hash key: ${indexHash}, table hash key: ${tableHash}`);
      }
    }
    checkProjection(index, member);
    if (kind === 'GSI' && input.BillingMode === 'PAY_PER_REQUEST' && index.ProvisionedThroughput !== undefined && index.ProvisionedThroughput !== null) {
      throw validationError(`${INVALID}ProvisionedThroughput should not be specified for index: ${String(name)} when BillingMode is PAY_PER_REQUEST`);
    }
    if (seen.has(String(name))) throw validationError(`${INVALID}Duplicate index name: ${String(name)}`);
    seen.add(String(name));
  });
  if (kind === 'LSI' && indexes.length > 5) throw validationError(`${INVALID}Number of LocalSecondaryIndexes exceeds per-table limit of 5`);
  if (kind === 'GSI' && indexes.length > 20) throw validationError(`${INVALID}GlobalSecondaryIndex count exceeds the per-table limit of 20`);
}

function checkThroughputBounds(pt: Raw): void {
  for (const member of ['ReadCapacityUnits', 'WriteCapacityUnits'] as const) {
    const value = pt[member];
    if (typeof value === 'number' && value < 1) {
      throw constraintError(String(value), `provisionedThroughput.${member.charAt(0).toLowerCase()}${member.slice(1)}`, 'Member must have value greater than or equal to 1');
    }
    if (typeof value === 'number' && value > 1_000_000_000_000) throw validationError(`Given value ${value} for ${member} is out of bounds`);
  }
}

/**
 * CreateTable's request checks in the order DynamoDB makes them, with its messages
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html): billing mode vs
 * provisioned throughput, the table key schema against AttributeDefinitions, then each LSI (≤ 5, same hash key,
 * a range key) and GSI (≤ 20), projections, duplicate names, and finally unused attribute definitions.
 */
export function validateCreateTable(input: OperationInput): void {
  const tableSchema = schemaOf(input, '');
  const pt = input.ProvisionedThroughput as Raw | undefined | null;
  if (input.BillingMode === 'PAY_PER_REQUEST') {
    if (pt !== undefined && pt !== null) throw validationError(`${INVALID}Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST`);
  } else {
    if (!pt || pt.ReadCapacityUnits === undefined || pt.ReadCapacityUnits === null || pt.WriteCapacityUnits === undefined || pt.WriteCapacityUnits === null) {
      throw validationError(`${INVALID}ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED`);
    }
    checkThroughputBounds(pt);
  }
  const definitions = names(list(input.AttributeDefinitions));
  checkKeySchema(tableSchema, definitions, false);
  const hasIndexes = (input.LocalSecondaryIndexes ?? input.GlobalSecondaryIndexes ?? null) !== null;
  if (!hasIndexes && tableSchema.length !== definitions.length) {
    throw validationError(`${INVALID}Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions`);
  }
  const seen = new Set<string>();
  checkIndexes('LSI', input, definitions, seen);
  checkIndexes('GSI', input, definitions, seen);
  const used = new Set([...names(tableSchema), ...[...list(input.LocalSecondaryIndexes), ...list(input.GlobalSecondaryIndexes)].flatMap((i) => names(list(i.KeySchema)))]);
  if (definitions.some((d) => !used.has(d))) {
    throw validationError(`${INVALID}Some AttributeDefinitions are not used. AttributeDefinitions: [${definitions.join(', ')}], keys used: [${[...used].join(', ')}]`);
  }
}
