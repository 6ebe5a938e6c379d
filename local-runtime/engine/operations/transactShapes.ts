import { DynamoDbError } from '../errors';

/**
 * JSON shapes of TransactWriteItems / TransactGetItems members that AWS's deserializer refuses with a
 * SerializationException before any validation, worded as dynalite's helpers record them from DynamoDB
 * (test/helpers.js assertType: List, ValueStruct, FieldStruct, String and Map messages).
 */
const NS = 'com.amazonaws.dynamodb.v20120810';

function fail(message: string): never {
  throw new DynamoDbError('SerializationException', message);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function checkString(value: unknown): void {
  if (value === undefined || value === null || typeof value === 'string') return;
  if (typeof value === 'boolean') fail(`${value ? 'TRUE_VALUE' : 'FALSE_VALUE'} cannot be converted to String`);
  if (typeof value === 'number') fail(`${Number.isInteger(value) ? 'NUMBER_VALUE' : 'DECIMAL_VALUE'} cannot be converted to String`);
  if (Array.isArray(value)) fail('Unrecognized collection type class java.lang.String');
  fail('Start of structure or map found where not expected');
}

/** A member that must be a structure (`type` is its shape name, e.g. `Put`). */
function checkStruct(value: unknown, type: string, inList: boolean): void {
  if (value === undefined || value === null || isObject(value)) return;
  if (Array.isArray(value)) fail(`Unrecognized collection type class ${NS}.${type}`);
  fail(inList ? 'Unexpected value type in payload' : 'Unexpected field type');
}

function checkMap(value: unknown, valueType: string): void {
  if (value === undefined || value === null || isObject(value)) return;
  if (Array.isArray(value)) fail(`Unrecognized collection type java.util.Map<java.lang.String, ${valueType}>`);
  fail('Unexpected field type');
}

const STRINGS = ['TableName', 'ConditionExpression', 'UpdateExpression', 'ProjectionExpression', 'ReturnValuesOnConditionCheckFailure'];
const MAPS: Record<string, string> = { Item: `${NS}.AttributeValue`, Key: `${NS}.AttributeValue`, ExpressionAttributeValues: `${NS}.AttributeValue`, ExpressionAttributeNames: 'java.lang.String' };

/** Throws SerializationException when `TransactItems` or one of its members has the wrong JSON shape. */
export function checkTransactShapes(list: unknown, itemType: 'TransactWriteItem' | 'TransactGetItem'): void {
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) fail(isObject(list) ? 'Start of structure or map found where not expected' : 'Unexpected field type');
  for (const entry of list) {
    checkStruct(entry, itemType, true);
    if (!isObject(entry)) continue;
    // for…in over the few members present (this runs for every transaction): no arrays allocated.
    for (const action in entry) {
      const body = entry[action];
      checkStruct(body, action, false);
      if (!isObject(body)) continue;
      for (const member in body) {
        const value = body[member];
        if (STRINGS.includes(member)) checkString(value);
        else if (Object.hasOwn(MAPS, member)) checkMap(value, MAPS[member] as string);
      }
    }
  }
}
