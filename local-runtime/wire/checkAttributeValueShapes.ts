import { DynamoDbError, validationError } from '../engine/errors';

/**
 * JSON-shape checks DynamoDB's deserializer makes before validation: an attribute value of the wrong
 * JSON type is a `SerializationException` (not a ValidationException), worded as AWS's Java deserializer
 * words it (the same wording dynalite reproduces). Only the attribute-value positions are checked here;
 * the engine validates everything else.
 */
/** `depth`: the maps and lists enclosing the value (0 for a top-level attribute value). */
type Check = (value: unknown, depth: number) => void;

const NS = 'com.amazonaws.dynamodb.v20120810';

function fail(message: string): never {
  throw new DynamoDbError('SerializationException', message);
}

function numberWord(value: number): string {
  return Number.isInteger(value) ? 'NUMBER_VALUE' : 'DECIMAL_VALUE';
}

const checkString: Check = (value) => {
  if (typeof value === 'string' || value === null) return;
  if (typeof value === 'boolean') fail(`${value ? 'TRUE_VALUE' : 'FALSE_VALUE'} cannot be converted to String`);
  if (typeof value === 'number') fail(`${numberWord(value)} cannot be converted to String`);
  if (Array.isArray(value)) fail('Unrecognized collection type class java.lang.String');
  fail('Start of structure or map found where not expected');
};

const checkBoolean: Check = (value) => {
  if (typeof value === 'boolean' || value === null) return;
  if (typeof value === 'number') fail(`${numberWord(value)} cannot be converted to Boolean`);
  if (typeof value === 'string') {
    if (!['TRUE', '1', 'YES', 'FALSE', '0', 'NO'].includes(value.toUpperCase())) fail('Unexpected token received from parser');
    return;
  }
  if (Array.isArray(value)) fail('Unrecognized collection type class java.lang.Boolean');
  fail('Start of structure or map found where not expected');
};

const checkBlob: Check = (value) => {
  if (value === null) return;
  if (typeof value === 'boolean' || typeof value === 'number') fail('only base-64-encoded strings are convertible to bytes');
  if (Array.isArray(value)) fail('Unrecognized collection type class java.nio.ByteBuffer');
  if (typeof value !== 'string') fail('Start of structure or map found where not expected');
  if (value.length % 4 !== 0) fail(`Base64 encoded length is expected a multiple of 4 bytes but found: ${value.length}`);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value)) fail('Invalid last non-pad Base64 character dectected');
};

function listOf(child: Check): Check {
  return (value, depth) => {
    if (value === null) return;
    if (typeof value !== 'object') fail('Unexpected field type');
    if (!Array.isArray(value)) fail('Start of structure or map found where not expected');
    for (const element of value) child(element, depth);
  };
}

function mapOf(child: Check, collection: string): Check {
  return (value, depth) => {
    if (value === null || value === undefined) return;
    if (typeof value !== 'object') fail('Unexpected field type');
    if (Array.isArray(value)) fail(`Unrecognized collection type java.util.Map<java.lang.String, ${collection}>`);
    const record = value as Record<string, unknown>;
    for (const key in record) if (Object.hasOwn(record, key)) child(record[key], depth);
  };
}

/**
 * Documents nest at most 32 levels (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-attributes):
 * a value deeper than that is refused as validation refuses it, before anything recurses into it (a value
 * nested thousands of levels deep must not overflow the stack).
 */
const MAX_DEPTH = 32;

const checkStrings = listOf(checkString);
const checkBlobs = listOf(checkBlob);
const checkList = listOf(checkAttributeValue);
/** A map of attribute values (`Item`, `Key`, `ExpressionAttributeValues`, an `M` value…). */
const attributeMap = mapOf(checkAttributeValue, `${NS}.AttributeValue`);

/** The check of an attribute value member, by name (a switch, not a lookup table: it runs for every value of every request). */
function memberCheck(member: string): Check | undefined {
  switch (member) {
    case 'S':
    case 'N':
      return checkString;
    case 'B':
      return checkBlob;
    case 'BOOL':
    case 'NULL':
      return checkBoolean;
    case 'SS':
    case 'NS':
      return checkStrings;
    case 'BS':
      return checkBlobs;
    case 'L':
      return checkList;
    case 'M':
      return attributeMap;
    default:
      return undefined;
  }
}

function checkAttributeValue(value: unknown, depth: number): void {
  if (value === null) return;
  if (depth > MAX_DEPTH) throw validationError('One or more parameter values were invalid: Nesting Levels have exceeded supported limits');
  if (typeof value !== 'object') fail('Unexpected value type in payload');
  if (Array.isArray(value)) fail(`Unrecognized collection type class ${NS}.AttributeValue`);
  // Own members with a known name only: `__proto__` or `toString` in a payload are unknown members, not lookups.
  const record = value as Record<string, unknown>;
  for (const member in record) if (Object.hasOwn(record, member)) memberCheck(member)?.(record[member], depth + 1);
}

type Input = Record<string, unknown>;
/** PartiQL `Parameters`: a list of attribute values, when present. */
const checkParameters = (input: Input | undefined): void => {
  if (input?.Parameters !== undefined) checkList(input.Parameters, 0);
};
const objectAt = (value: unknown): Input | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Input) : undefined);
const arrayAt = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function members(input: Input | undefined, names: readonly string[]): void {
  if (!input) return;
  for (const name of names) attributeMap(input[name], 0);
}

const SINGLE = ['Item', 'Key', 'ExpressionAttributeValues', 'ExclusiveStartKey'] as const;

/** Per operation, where its attribute values are. */
const POSITIONS: Record<string, (input: Input) => void> = {
  PutItem: (input) => members(input, SINGLE),
  GetItem: (input) => members(input, SINGLE),
  DeleteItem: (input) => members(input, SINGLE),
  UpdateItem: (input) => members(input, SINGLE),
  Query: (input) => members(input, SINGLE),
  Scan: (input) => members(input, SINGLE),
  BatchGetItem: (input) => {
    for (const request of Object.values(objectAt(input.RequestItems) ?? {})) for (const key of arrayAt(objectAt(request)?.Keys)) attributeMap(key, 0);
  },
  BatchWriteItem: (input) => {
    for (const requests of Object.values(objectAt(input.RequestItems) ?? {})) {
      for (const request of arrayAt(requests)) {
        const r = objectAt(request);
        members(objectAt(r?.PutRequest), ['Item']);
        members(objectAt(r?.DeleteRequest), ['Key']);
      }
    }
  },
  TransactWriteItems: (input) => {
    for (const entry of arrayAt(input.TransactItems)) {
      const e = objectAt(entry);
      for (const kind of ['Put', 'Update', 'Delete', 'ConditionCheck']) members(objectAt(e?.[kind]), SINGLE);
    }
  },
  TransactGetItems: (input) => {
    for (const entry of arrayAt(input.TransactItems)) members(objectAt(objectAt(entry)?.Get), ['Key']);
  },
  ExecuteStatement: (input) => checkParameters(input),
  BatchExecuteStatement: (input) => arrayAt(input.Statements).forEach((entry) => checkParameters(objectAt(entry))),
  ExecuteTransaction: (input) => arrayAt(input.TransactStatements).forEach((entry) => checkParameters(objectAt(entry))),
};

/** Throws `SerializationException` when an attribute value in `input` has the wrong JSON shape. */
export function checkAttributeValueShapes(operation: string, input: Input): void {
  if (Object.hasOwn(POSITIONS, operation)) POSITIONS[operation]?.(input);
}
