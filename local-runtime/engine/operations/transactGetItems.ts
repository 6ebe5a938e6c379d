import { validationError } from '../errors';
import { projectItem } from '../expressions/project';
import { cloneItem } from '../values/AttributeValue';
import { itemSize } from '../values/itemSize';
import { assertExactKey, keyId } from '../storage/keys';
import { addUse, capacityLevelOf, consumedCapacity, noUse, readUse } from './capacity';
import { TRANSACTION_CONFLICT_MESSAGE } from './EngineFaults';
import { requiredItem, tableNameOf } from './input';
import { parseRequestExpressions } from './requestExpressions';
import { transactionCanceled } from './transactionCanceled';
import { transactItemsOf } from './transactItems';
import { readDemand, sizeOf } from '../capacity/CapacityModel';
import type { Engine } from '../Engine';
import type { CapacityUse } from './capacity';
import type { OperationInput } from './input';

/**
 * TransactGetItems: up to 100 Gets read as one snapshot; `Responses` in request order, `{}` for a missing item.
 * Each read is strongly consistent and costs twice a consistent read
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html).
 */
export function transactGetItems(engine: Engine, input: OperationInput): Record<string, unknown> {
  const level = capacityLevelOf(input);
  const gets = transactItemsOf(input, ['Get'] as const).map(({ request }) => {
    const name = tableNameOf(request);
    const key = requiredItem(request, 'Key', 'key');
    const expressions = parseRequestExpressions(request, ['ProjectionExpression']);
    const table = engine.itemTable(name);
    assertExactKey(key, table.definition.schema);
    return { table, key, expressions };
  });
  const seen = new Set<string>();
  for (const { table, key } of gets) {
    const id = `${table.name}\u0000${keyId(key, table.definition.schema)}`;
    if (seen.has(id)) throw validationError('Transaction request cannot include multiple operations on one item');
    seen.add(id);
  }
  const conflicts = engine.faults.takeConflict([...new Set(gets.map((g) => g.table.name))]);
  if (conflicts) {
    throw transactionCanceled(gets.map(({ table }) => (conflicts.has(table.name) ? { Code: 'TransactionConflict', Message: TRANSACTION_CONFLICT_MESSAGE } : { Code: 'None' })));
  }
  if (engine.capacity) engine.capacity.transact(gets.map(({ table, key }) => readDemand(table, key, sizeOf(table.get(key)), true, 2)));
  const uses = new Map<string, CapacityUse>();
  const responses = gets.map(({ table, key, expressions }) => {
    const item = table.get(key);
    uses.set(table.name, addUse(uses.get(table.name) ?? noUse(), readUse(table, item ? itemSize(item) : 0, true, undefined, 2)));
    if (!item) return {};
    return { Item: expressions.projection ? projectItem(item, expressions.projection.paths) : cloneItem(item) };
  });
  const out: Record<string, unknown> = { Responses: responses };
  if (level !== 'NONE') out.ConsumedCapacity = [...uses].map(([name, use]) => consumedCapacity(name, use, level));
  return out;
}
