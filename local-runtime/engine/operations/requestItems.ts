import { constraintError, validationError } from '../errors';
import { tableNameOf } from './input';
import type { OperationInput } from './input';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `RequestItems` map of BatchGetItem/BatchWriteItem: table names (validated as TableName) to their entries. */
export function requestItemsOf(input: OperationInput): [string, unknown][] {
  const items = input.RequestItems;
  if (items === undefined || items === null) throw constraintError(null, 'requestItems', 'Member must not be null');
  if (!isRecord(items)) throw validationError('Invalid requestItems: expected a map');
  const entries = Object.entries(items);
  if (entries.length === 0) throw constraintError('{}', 'requestItems', 'Member must have length greater than or equal to 1');
  return entries.map(([name, value]) => [tableNameOf({ TableName: name }, 'requestItems.key'), value]);
}

/** A plain object member of a request structure (empty when absent). */
export function recordOf(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
