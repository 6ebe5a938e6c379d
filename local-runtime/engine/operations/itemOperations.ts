import { conditionalCheckFailed, constraintError, validationError } from '../errors';
import { projectItem } from '../expressions/project';
import { cloneItem } from '../values/AttributeValue';
import { itemSize } from '../values/itemSize';
import { assertExactKey } from '../storage/keys';
import { capacityLevelOf, consumedCapacity, readUse, writeUse } from './capacity';
import { commitWrite } from './commitWrite';
import { assertAttributesToGetNotEmpty, optionalEnum, requiredItem, tableNameOf } from './input';
import { assertCollectionsFit, itemCollectionMetrics, wantsCollectionMetrics } from './itemCollectionMetrics';
import { parseRequestExpressions } from './requestExpressions';
import { planDelete, planPut, planUpdate } from './writePlan';
import { readDemand } from '../capacity/CapacityModel';
import type { Engine } from '../Engine';
import type { WireItem } from '../values/AttributeValue';
import type { OperationInput } from './input';
import type { WritePlan } from './writePlan';

type ReturnValues = 'NONE' | 'ALL_OLD' | 'ALL_NEW' | 'UPDATED_OLD' | 'UPDATED_NEW';
const UPDATE_RETURN_VALUES = ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'] as const;

function returnOldOrNone(input: OperationInput): ReturnValues {
  const value = input.ReturnValues ?? 'NONE';
  if (value !== 'NONE' && value !== 'ALL_OLD') {
    if (['ALL_NEW', 'UPDATED_OLD', 'UPDATED_NEW'].includes(value as string)) throw validationError('ReturnValues can only be ALL_OLD or NONE');
    throw constraintError(value, 'returnValues', 'Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]');
  }
  return value;
}

const RETURNED: Record<ReturnValues, (plan: WritePlan) => WireItem | undefined> = {
  NONE: () => undefined,
  ALL_OLD: (plan) => plan.current,
  ALL_NEW: (plan) => plan.next,
  UPDATED_OLD: (plan) => (plan.current ? projectItem(plan.current, plan.updatedPaths) : undefined),
  UPDATED_NEW: (plan) => (plan.next ? projectItem(plan.next, plan.updatedPaths) : undefined),
};

/**
 * The commit step shared by PutItem, UpdateItem and DeleteItem: injected conflicts, the condition, data-dependent
 * validation errors, then the write through {@link commitWrite} and the response (ReturnValues, ConsumedCapacity,
 * ItemCollectionMetrics). Nothing is written when any check fails.
 */
function runWrite(engine: Engine, input: OperationInput, plan: WritePlan, returnValues: ReturnValues): Record<string, unknown> {
  const level = capacityLevelOf(input);
  const metrics = wantsCollectionMetrics(input);
  if (engine.capacity && plan.error === undefined) engine.capacity.write(plan.table, plan.key, plan.current, plan.next);
  engine.faults.assertNoConflict(plan.table.name);
  if (!plan.passed) throw conditionalCheckFailed(plan.returnOldOnFailure && plan.current ? cloneItem(plan.current) : undefined);
  if (plan.error) throw plan.error;
  if (plan.table.hasItemCollections) assertCollectionsFit(engine, [plan]);
  commitWrite(engine, plan.table, plan.key, plan.next, plan.id);
  const out: Record<string, unknown> = {};
  const attributes = RETURNED[returnValues](plan);
  // ALL_OLD/ALL_NEW are stored images (copied here); UPDATED_* projections are copies already.
  if (attributes && Object.keys(attributes).length > 0) out.Attributes = returnValues.startsWith('ALL_') ? cloneItem(attributes) : attributes;
  // Capacity is worked out only when asked for: it sizes both images and compares every index's.
  if (level !== 'NONE') out.ConsumedCapacity = consumedCapacity(plan.table.name, writeUse(plan.table, plan.current, plan.next), level);
  const collection = metrics ? itemCollectionMetrics(plan.table, plan.key) : undefined;
  if (collection) out.ItemCollectionMetrics = collection;
  return out;
}

/** PutItem (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html). */
export function putItem(engine: Engine, input: OperationInput): Record<string, unknown> {
  const returnValues = returnOldOrNone(input);
  return runWrite(engine, input, planPut(engine, input), returnValues);
}

/** DeleteItem: deleting a missing item succeeds and writes no stream record (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteItem.html). */
export function deleteItem(engine: Engine, input: OperationInput): Record<string, unknown> {
  const returnValues = returnOldOrNone(input);
  return runWrite(engine, input, planDelete(engine, input), returnValues);
}

/** UpdateItem with all five ReturnValues (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html). */
export function updateItem(engine: Engine, input: OperationInput): Record<string, unknown> {
  const returnValues = optionalEnum(input, 'ReturnValues', 'returnValues', UPDATE_RETURN_VALUES) ?? 'NONE';
  return runWrite(engine, input, planUpdate(engine, input), returnValues);
}

/** GetItem with ProjectionExpression or AttributesToGet, ConsistentRead and ConsumedCapacity (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html). */
export function getItem(engine: Engine, input: OperationInput): Record<string, unknown> {
  const name = tableNameOf(input);
  const key = requiredItem(input, 'Key', 'key');
  assertAttributesToGetNotEmpty(input);
  const expressions = parseRequestExpressions(input, ['ProjectionExpression'], ['AttributesToGet']);
  const level = capacityLevelOf(input);
  const table = engine.itemTable(name);
  assertExactKey(key, table.definition.schema);
  const item = (engine.consistency ? engine.consistency.view(table, input.ConsistentRead === true) : table).get(key);
  if (engine.capacity) engine.capacity.request(readDemand(table, key, item ? itemSize(item) : 0, input.ConsistentRead === true));
  const out: Record<string, unknown> = {};
  if (item) out.Item = expressions.projection ? projectItem(item, expressions.projection.paths) : cloneItem(item);
  if (level !== 'NONE') out.ConsumedCapacity = consumedCapacity(name, readUse(table, item ? itemSize(item) : 0, input.ConsistentRead === true), level);
  return out;
}
