import { DynamoDbError, constraintError, validationError } from '../errors';
import { applyUpdate, onlyTakesAway } from '../expressions/applyUpdate';
import { cloneItem } from '../values/AttributeValue';
import { MAX_ITEM_SIZE, itemSize } from '../values/itemSize';
import { assertExactKey, assertItemHasKey, extractKey, keyId } from '../storage/keys';
import { assertWritable } from './commitWrite';
import { optionalEnum, requiredItem, tableNameOf } from './input';
import { parseRequestExpressions } from './requestExpressions';
import type { Engine } from '../Engine';
import type { PathNode } from '../expressions/ast';
import type { Table } from '../storage/Table';
import type { WireItem } from '../values/AttributeValue';
import type { OperationInput } from './input';
import type { RequestExpressions } from './requestExpressions';

/**
 * One item write worked out against the current item but not yet committed: single-item operations, batches and
 * transactions all plan first (validation, condition, new image), then commit through {@link commitWrite}.
 */
export interface WritePlan {
  table: Table;
  /** The table key of the item. */
  key: WireItem;
  /** keyId of `key` in the table's schema (its identity in the store). */
  id: string;
  current: WireItem | undefined;
  /** The item after the write (undefined: deleted or absent); for a ConditionCheck, the current item. */
  next: WireItem | undefined;
  /** False for a ConditionCheck, which writes nothing. */
  writes: boolean;
  /** Whether the request's condition held. */
  passed: boolean;
  /** A validation error that applying the write to this item causes (update operand types, item size). */
  error?: DynamoDbError;
  /** Document paths an update wrote (UPDATED_OLD / UPDATED_NEW). */
  updatedPaths: PathNode[];
  /** ReturnValuesOnConditionCheckFailure is ALL_OLD. */
  returnOldOnFailure: boolean;
  /** Size of `next` when the plan already measured it (puts and applied updates). */
  size?: number;
}

/** Whether a write accepts the legacy parameters (single-item operations) or only expressions (transactions). */
export type PlanMode = 'single' | 'transaction';

const ON_FAILURE = ['ALL_OLD', 'NONE'] as const;

function onFailureOf(input: OperationInput): boolean {
  return optionalEnum(input, 'ReturnValuesOnConditionCheckFailure', 'returnValuesOnConditionCheckFailure', ON_FAILURE) === 'ALL_OLD';
}

function holds(expressions: RequestExpressions, current: WireItem | undefined): boolean {
  return !expressions.condition || expressions.condition.evaluator.evaluate(expressions.condition.tree, current ?? {});
}

const LEGACY_CONDITION = ['Expected', 'ConditionalOperator'] as const;

/** Plan a PutItem (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html). */
export function planPut(engine: Engine, input: OperationInput, mode: PlanMode = 'single'): WritePlan {
  const name = tableNameOf(input);
  const item = requiredItem(input, 'Item', 'item');
  const expressions = parseRequestExpressions(input, ['ConditionExpression'], mode === 'single' ? LEGACY_CONDITION : []);
  const returnOldOnFailure = onFailureOf(input);
  const table = engine.itemTable(name);
  assertItemHasKey(item, table.definition.schema);
  const size = itemSize(item);
  assertWritable(table, item, size);
  const key = extractKey(item, table.definition.schema) as WireItem;
  const id = keyId(key, table.definition.schema);
  const current = table.getById(id);
  return { table, key, id, current, next: item, writes: true, passed: holds(expressions, current), updatedPaths: [], returnOldOnFailure, size };
}

/** Plan a DeleteItem (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteItem.html). */
export function planDelete(engine: Engine, input: OperationInput, mode: PlanMode = 'single'): WritePlan {
  const name = tableNameOf(input);
  const key = requiredItem(input, 'Key', 'key');
  const expressions = parseRequestExpressions(input, ['ConditionExpression'], mode === 'single' ? LEGACY_CONDITION : []);
  const returnOldOnFailure = onFailureOf(input);
  const table = engine.itemTable(name);
  assertExactKey(key, table.definition.schema);
  const id = keyId(key, table.definition.schema);
  const current = table.getById(id);
  return { table, key, id, current, next: undefined, writes: true, passed: holds(expressions, current), updatedPaths: [], returnOldOnFailure };
}

/**
 * Plan an UpdateItem: creates the item when missing; key attributes cannot be updated; operands see the item as it
 * was before the update (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html).
 */
export function planUpdate(engine: Engine, input: OperationInput, mode: PlanMode = 'single'): WritePlan {
  const name = tableNameOf(input);
  const key = requiredItem(input, 'Key', 'key');
  const legacy = mode === 'single' ? (['AttributeUpdates', ...LEGACY_CONDITION] as const) : [];
  const expressions = parseRequestExpressions(input, ['UpdateExpression', 'ConditionExpression'], legacy);
  const returnOldOnFailure = onFailureOf(input);
  const table = engine.itemTable(name);
  assertExactKey(key, table.definition.schema);
  const { hash, range } = table.definition.schema;
  const actions = expressions.update?.actions ?? [];
  for (const action of actions) {
    const top = action.path.elements[0];
    if (top?.kind === 'name' && (top.name === hash.name || top.name === range?.name)) {
      throw validationError(`One or more parameter values were invalid: Cannot update attribute ${top.name}. This attribute is part of the key`);
    }
  }
  const id = keyId(key, table.definition.schema);
  const current = table.getById(id);
  const plan: WritePlan = { table, key, id, current, next: current, writes: true, passed: holds(expressions, current), updatedPaths: actions.map((a) => a.path), returnOldOnFailure };
  if (!plan.passed) return plan;
  try {
    const base = current ?? cloneItem(key);
    const updated = expressions.update ? applyUpdate(base, expressions.update) : base;
    const size = itemSize(updated);
    if (size > MAX_ITEM_SIZE) throw validationError('Item size to update has exceeded the maximum allowed size');
    assertWritable(table, updated, size);
    // On a missing item, REMOVE/DELETE-only updates create nothing (see onlyTakesAway).
    plan.next = current === undefined && onlyTakesAway(expressions.update) ? undefined : updated;
    plan.size = size;
  } catch (error) {
    if (!(error instanceof DynamoDbError)) throw error;
    plan.error = error;
  }
  return plan;
}

/** Plan a transaction's ConditionCheck: a condition on one item, which it does not change. */
export function planConditionCheck(engine: Engine, input: OperationInput): WritePlan {
  const name = tableNameOf(input);
  const key = requiredItem(input, 'Key', 'key');
  if (typeof input.ConditionExpression !== 'string') throw constraintError(null, 'conditionExpression', 'Member must not be null');
  const expressions = parseRequestExpressions(input, ['ConditionExpression']);
  const returnOldOnFailure = onFailureOf(input);
  const table = engine.itemTable(name);
  assertExactKey(key, table.definition.schema);
  const id = keyId(key, table.definition.schema);
  const current = table.getById(id);
  return { table, key, id, current, next: current, writes: false, passed: holds(expressions, current), updatedPaths: [], returnOldOnFailure };
}
