import { constraintError } from '../errors';
import { projectItem } from '../expressions/project';
import { applyUpdate } from '../expressions/applyUpdate';
import { cloneItem } from '../values/AttributeValue';
import { assertExactKey, assertItemHasKey, extractKey, keyAttributes } from '../storage/keys';
import { validationError } from '../errors';
import { assertWritable, checkCondition, commitWrite } from './commitWrite';
import { optionalEnum, rejectLegacy, requiredItem, tableNameOf } from './input';
import { parseRequestExpressions } from './requestExpressions';
import type { Engine } from '../Engine';
import type { WireItem } from '../values/AttributeValue';
import type { OperationInput } from './input';

const LEGACY_WRITE = ['Expected', 'ConditionalOperator'] as const;

function returnOldOrNone(input: OperationInput): 'NONE' | 'ALL_OLD' {
  const value = input.ReturnValues ?? 'NONE';
  if (value !== 'NONE' && value !== 'ALL_OLD') {
    if (['ALL_NEW', 'UPDATED_OLD', 'UPDATED_NEW'].includes(value as string)) throw validationError('ReturnValues can only be ALL_OLD or NONE');
    throw constraintError(value, 'returnValues', 'Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]');
  }
  return value;
}

/** PutItem (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html). */
export function putItem(engine: Engine, input: OperationInput): Record<string, unknown> {
  const name = tableNameOf(input);
  rejectLegacy(input, LEGACY_WRITE);
  const item = requiredItem(input, 'Item', 'item');
  const returnValues = returnOldOrNone(input);
  const expressions = parseRequestExpressions(input, ['ConditionExpression']);
  const table = engine.itemTable(name);
  assertItemHasKey(item, table.definition.schema);
  assertWritable(table, item);
  const current = table.get(item);
  checkCondition(input, expressions, current);
  const old = commitWrite(engine, table, extractKey(item, table.definition.schema) as WireItem, item);
  return returnValues === 'ALL_OLD' && old ? { Attributes: cloneItem(old) } : {};
}

/** GetItem with optional ProjectionExpression. */
export function getItem(engine: Engine, input: OperationInput): Record<string, unknown> {
  const name = tableNameOf(input);
  rejectLegacy(input, ['AttributesToGet']);
  const key = requiredItem(input, 'Key', 'key');
  const expressions = parseRequestExpressions(input, ['ProjectionExpression']);
  const table = engine.itemTable(name);
  assertExactKey(key, table.definition.schema);
  const item = table.get(key);
  if (!item) return {};
  return { Item: expressions.projection ? projectItem(item, expressions.projection.paths) : cloneItem(item) };
}

/** DeleteItem (deleting a missing item succeeds and writes no stream record). */
export function deleteItem(engine: Engine, input: OperationInput): Record<string, unknown> {
  const name = tableNameOf(input);
  rejectLegacy(input, LEGACY_WRITE);
  const key = requiredItem(input, 'Key', 'key');
  const returnValues = returnOldOrNone(input);
  const expressions = parseRequestExpressions(input, ['ConditionExpression']);
  const table = engine.itemTable(name);
  assertExactKey(key, table.definition.schema);
  checkCondition(input, expressions, table.get(key));
  const old = commitWrite(engine, table, key, undefined);
  return returnValues === 'ALL_OLD' && old ? { Attributes: cloneItem(old) } : {};
}

const UPDATE_RETURN_VALUES = ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'] as const;

/**
 * UpdateItem: creates the item when missing; key attributes cannot be updated
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html).
 */
export function updateItem(engine: Engine, input: OperationInput): Record<string, unknown> {
  const name = tableNameOf(input);
  rejectLegacy(input, [...LEGACY_WRITE, 'AttributeUpdates']);
  const key = requiredItem(input, 'Key', 'key');
  const returnValues = optionalEnum(input, 'ReturnValues', 'returnValues', UPDATE_RETURN_VALUES) ?? 'NONE';
  const expressions = parseRequestExpressions(input, ['UpdateExpression', 'ConditionExpression']);
  const table = engine.itemTable(name);
  assertExactKey(key, table.definition.schema);
  const keyNames = new Set(keyAttributes(table.definition.schema).map((a) => a.name));
  const actions = expressions.update?.actions ?? [];
  for (const action of actions) {
    const top = action.path.elements[0];
    if (top?.kind === 'name' && keyNames.has(top.name)) {
      throw validationError(`One or more parameter values were invalid: Cannot update attribute ${top.name}. This attribute is part of the key`);
    }
  }
  const current = table.get(key);
  checkCondition(input, expressions, current);
  const base = current ?? cloneItem(key);
  const updated = expressions.update ? applyUpdate(base, expressions.update) : base;
  assertWritable(table, updated);
  commitWrite(engine, table, key, updated);
  const paths = actions.map((a) => a.path);
  const results: Record<typeof returnValues, () => WireItem | undefined> = {
    NONE: () => undefined,
    ALL_OLD: () => current,
    ALL_NEW: () => updated,
    UPDATED_OLD: () => (current ? projectItem(current, paths) : undefined),
    UPDATED_NEW: () => projectItem(updated, paths),
  };
  const attributes = results[returnValues]();
  return attributes && Object.keys(attributes).length > 0 ? { Attributes: cloneItem(attributes) } : {};
}
