import { constraintError, validationError } from '../errors';
import { validateItem } from '../values/validateItem';
import type { WireItem } from '../values/AttributeValue';

/** Operation input after the wire layer: a JSON object. */
export type OperationInput = Record<string, unknown>;

/** Required TableName with AWS's constraint messages. */
export function tableNameOf(input: OperationInput, member = 'tableName'): string {
  const name = input.TableName;
  if (name === undefined || name === null) throw constraintError(null, member, 'Member must not be null');
  if (typeof name !== 'string') throw validationError(`Invalid ${member}: expected a string`);
  if (name.length < 3) throw constraintError(name, member, 'Member must have length greater than or equal to 3');
  if (name.length > 255) throw constraintError(name, member, 'Member must have length less than or equal to 255');
  if (!isNameText(name)) throw constraintError(name, member, 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+');
  return name;
}

/** Whether every character of `name` is one of [a-zA-Z0-9_.-] (a loop: this runs for every table name of every request). */
export function isNameText(name: string): boolean {
  for (let i = 0; i < name.length; i += 1) {
    const c = name.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45)) return false;
  }
  return true;
}

/** Optional string parameter. */
export function optionalString(input: OperationInput, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw validationError(`Invalid ${key}: expected a string`);
  return value;
}

/** Optional enum parameter (`member` is AWS's camelCase member name for messages). */
export function optionalEnum<T extends string>(input: OperationInput, key: string, member: string, allowed: readonly T[]): T | undefined {
  const value = optionalString(input, key);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw constraintError(value, member, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  return value as T;
}

/** Optional integer parameter with a lower bound. */
export function optionalInteger(input: OperationInput, key: string, member: string, min: number, max?: number): number | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw validationError(`Invalid ${key}: expected an integer`);
  if (value < min) throw constraintError(String(value), member, `Member must have value greater than or equal to ${min}`);
  if (max !== undefined && value > max) throw constraintError(String(value), member, `Member must have value less than or equal to ${max}`);
  return value;
}

/** Required map of attribute values (`Item`, `Key`). */
export function requiredItem(input: OperationInput, key: string, member: string): WireItem {
  const value = input[key];
  if (value === undefined || value === null) throw constraintError(null, member, 'Member must not be null');
  return validateItem(value);
}

/**
 * `AttributesToGet`, when given, lists at least one name: `[]` breaks its length constraint (dynalite test/getItem.js,
 * test/query.js, test/scan.js, recorded from DynamoDB; https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html).
 */
export function assertAttributesToGetNotEmpty(input: OperationInput, member = 'attributesToGet'): void {
  const list = input.AttributesToGet;
  if (Array.isArray(list) && list.length === 0) throw constraintError('[]', member, 'Member must have length greater than or equal to 1');
}
