import { DynamoDbError, constraintError, validationError } from '../errors';
import { isNameText } from './input';
import type { OperationInput } from './input';

type Raw = Record<string, unknown>;
const INVALID = 'One or more parameter values were invalid: ';

/** Key attribute names (table and index key schemas, attribute definitions, projected names) are 1–255 characters. */
const MAX_KEY_NAME = 255;

const records = (value: unknown): Raw[] => (Array.isArray(value) ? value.map((e) => (typeof e === 'object' && e !== null ? (e as Raw) : {})) : []);

/** A name member's length constraints, AWS's Coral wording (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_KeySchemaElement.html). */
function checkNameLength(value: unknown, member: string, min: number, max: number): void {
  if (typeof value !== 'string') return;
  if (value.length < min) throw constraintError(value, member, `Member must have length greater than or equal to ${min}`);
  if (value.length > max) throw constraintError(value, member, `Member must have length less than or equal to ${max}`);
}

/** An index name: 3–255 characters of [a-zA-Z0-9_.-] (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html). */
function checkIndexName(value: unknown, member: string): void {
  if (typeof value !== 'string') return;
  if (!isNameText(value)) throw constraintError(value, member, 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+');
  checkNameLength(value, member, 3, 255);
}

function checkKeySchemaNames(schema: unknown, prefix: string): void {
  records(schema).forEach((element, i) => checkNameLength(element.AttributeName, `${prefix}keySchema.${i + 1}.member.attributeName`, 1, MAX_KEY_NAME));
}

/**
 * NonKeyAttributes: strings (anything else is a SerializationException, as AWS's deserializer answers:
 * dynalite test/createTable.js), at least one, each 1–255 characters, no name twice (AWS's message as recorded in the
 * ack-api-quirks DynamoDB ValidationException catalogue, DDB-TABLE-442).
 */
function checkNonKeyAttributes(projection: unknown, member: string): void {
  if (typeof projection !== 'object' || projection === null) return;
  const names = (projection as Raw).NonKeyAttributes;
  if (names === undefined || names === null) return;
  if (!Array.isArray(names)) throw new DynamoDbError('SerializationException', 'Unexpected field type');
  for (const name of names) {
    if (typeof name === 'string') continue;
    if (typeof name === 'boolean') throw new DynamoDbError('SerializationException', `${name ? 'TRUE_VALUE' : 'FALSE_VALUE'} cannot be converted to String`);
    if (typeof name === 'number') throw new DynamoDbError('SerializationException', `${Number.isInteger(name) ? 'NUMBER_VALUE' : 'DECIMAL_VALUE'} cannot be converted to String`);
    throw new DynamoDbError('SerializationException', Array.isArray(name) ? 'Unrecognized collection type class java.lang.String' : 'Start of structure or map found where not expected');
  }
  if (names.length === 0) throw constraintError('[]', `${member}.projection.nonKeyAttributes`, 'Member must have length greater than or equal to 1');
  (names as string[]).forEach((name, k) => checkNameLength(name, `${member}.projection.nonKeyAttributes.${k + 1}.member`, 1, MAX_KEY_NAME));
  if (new Set(names).size !== names.length) {
    const duplicate = (names as string[]).find((name, k) => names.indexOf(name) !== k);
    throw validationError(`${INVALID}Duplicate element in NonKeyAttributes: ${String(duplicate)}`);
  }
}

/** The names of one index definition; `prefix` is its member path, e.g. `globalSecondaryIndexes.1.member`. */
function checkIndexDefinitionNames(index: Raw, prefix: string): void {
  checkIndexName(index.IndexName, `${prefix}.indexName`);
  checkKeySchemaNames(index.KeySchema, `${prefix}.`);
  checkNonKeyAttributes(index.Projection, prefix);
}

/** The names of one list of index definitions (`GlobalSecondaryIndexes`, `LocalSecondaryIndexes`). */
function checkIndexNames(indexes: unknown, member: string): void {
  records(indexes).forEach((index, i) => checkIndexDefinitionNames(index, `${member}.${i + 1}.member`));
}

/** UpdateTable: the names in each GlobalSecondaryIndexUpdates entry (its index name; a Create's key schema and projection). */
export function checkIndexUpdateNames(input: OperationInput): void {
  records(input.GlobalSecondaryIndexUpdates).forEach((update, i) => {
    const prefix = `globalSecondaryIndexUpdates.${i + 1}.member`;
    for (const action of ['create', 'update', 'delete']) {
      const body = update[action.charAt(0).toUpperCase() + action.slice(1)];
      if (typeof body === 'object' && body !== null) checkIndexDefinitionNames(body as Raw, `${prefix}.${action}`);
    }
  });
  checkAttributeDefinitionNames(input.AttributeDefinitions);
}

/**
 * AttributeDefinitions names: 1–255 characters, none defined twice (AWS: `Attribute Name is duplicated: x`, without
 * the usual prefix: https://github.com/scylladb/scylladb/issues/13870 and the ack-api-quirks catalogue DDB-TABLE-442).
 */
export function checkAttributeDefinitionNames(definitions: unknown): void {
  const seen = new Set<string>();
  records(definitions).forEach((definition, i) => {
    const name = definition.AttributeName;
    checkNameLength(name, `attributeDefinitions.${i + 1}.member.attributeName`, 1, MAX_KEY_NAME);
    if (typeof name !== 'string') return;
    if (seen.has(name)) throw validationError(`Attribute Name is duplicated: ${name}`);
    seen.add(name);
  });
}

/**
 * CreateTable's name checks, made before its other checks: attribute names of key schemas and attribute definitions
 * (1–255), index names (3–255, [a-zA-Z0-9_.-]+), projected attribute names
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html). AWS answers an over-long key
 * name before it looks at whether the schema and definitions agree (https://github.com/scylladb/scylladb: test/alternator/test_limits.py).
 */
export function checkCreateTableNames(input: OperationInput): void {
  checkKeySchemaNames(input.KeySchema, '');
  checkAttributeDefinitionNames(input.AttributeDefinitions);
  checkIndexNames(input.LocalSecondaryIndexes, 'localSecondaryIndexes');
  checkIndexNames(input.GlobalSecondaryIndexes, 'globalSecondaryIndexes');
}
