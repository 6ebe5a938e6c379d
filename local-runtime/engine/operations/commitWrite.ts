import { conditionalCheckFailed, validationError } from '../errors';
import { itemsEqual } from '../values/compareValues';
import { MAX_ITEM_SIZE, itemSize } from '../values/itemSize';
import { assertIndexKeyTypes, extractKey } from '../storage/keys';
import type { Engine } from '../Engine';
import type { Table } from '../storage/Table';
import type { WireItem } from '../values/AttributeValue';
import type { RequestExpressions } from './requestExpressions';
import type { OperationInput } from './input';

/** Check the request's ConditionExpression against the current item; on failure throw ConditionalCheckFailedException. */
export function checkCondition(input: OperationInput, expressions: RequestExpressions, current: WireItem | undefined): void {
  if (!expressions.condition) return;
  if (expressions.condition.evaluator.evaluate(expressions.condition.tree, current ?? {})) return;
  const returnOld = input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD';
  throw conditionalCheckFailed(returnOld && current ? current : undefined);
}

/** Limits every written item must satisfy: 400 KB and secondary index key types, emptiness and sizes. */
export function assertWritable(table: Table, item: WireItem, size = itemSize(item)): void {
  if (size > MAX_ITEM_SIZE) throw validationError('Item size has exceeded the maximum allowed size');
  const indexes = table.definition.indexes;
  if (indexes.length === 0) return;
  const tableHash = table.definition.schema.hash.name;
  for (const index of indexes) assertIndexKeyTypes(item, index.name, index.schema, tableHash);
}

/**
 * The storage step of every write: store or delete, then append a stream record if the table has a stream
 * and the item actually changed (DynamoDB writes no record for a write that changes nothing). `id` is the key's
 * table key id when the caller has worked it out already.
 */
export function commitWrite(engine: Engine, table: Table, key: WireItem, newItem: WireItem | undefined, id?: string): WireItem | undefined {
  if (engine.consistency) engine.consistency.record(table, key, newItem);
  const old = newItem ? table.put(newItem, id) : table.delete(key, id);
  engine.effects?.write(table.name, key, newItem);
  const stream = table.definition.stream;
  if (stream && !itemsEqual(old, newItem)) {
    engine.streamLog.append(stream.arn, { keys: extractKey(newItem ?? (old as WireItem), table.definition.schema) as WireItem, oldImage: old, newImage: newItem });
  }
  return old;
}
