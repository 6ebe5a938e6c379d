import { validationError } from '../errors';
import { addUse, capacityLevelOf, consumedCapacity, noUse, writeUse } from './capacity';
import { commitWrite } from './commitWrite';
import { assertCollectionsFit, collectionsOf, itemCollectionMetrics, wantsCollectionMetrics } from './itemCollectionMetrics';
import { recordOf, requestItemsOf } from './requestItems';
import { planDelete, planPut } from './writePlan';
import { admitBatchWrites } from '../capacity/admitBatchWrites';
import type { Engine } from '../Engine';
import type { OperationInput } from './input';
import type { WritePlan } from './writePlan';

/** At most 25 put or delete requests per call (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html). */
const MAX_REQUESTS = 25;

function planRequest(engine: Engine, name: string, value: unknown): WritePlan {
  const request = recordOf(value);
  const put = request.PutRequest;
  const del = request.DeleteRequest;
  if ((put === undefined || put === null) === (del === undefined || del === null)) {
    throw validationError('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
  }
  if (put !== undefined && put !== null) return planPut(engine, { TableName: name, Item: recordOf(put).Item });
  return planDelete(engine, { TableName: name, Key: recordOf(del).Key });
}

/**
 * BatchWriteItem: up to 25 PutRequest/DeleteRequest entries over several tables, no key twice. Every request is
 * validated before anything is written; each write then goes through the same commit step (and stream record) as
 * PutItem/DeleteItem. Nothing is ever left unprocessed locally, so `UnprocessedItems` is `{}`.
 */
export function batchWriteItem(engine: Engine, input: OperationInput): Record<string, unknown> {
  const level = capacityLevelOf(input);
  const metrics = wantsCollectionMetrics(input);
  const tables = requestItemsOf(input);
  let count = 0;
  const planned = tables.map(([name, list]) => {
    if (!Array.isArray(list) || list.length === 0) {
      throw validationError(`1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to ${MAX_REQUESTS}, Member must have length greater than or equal to 1]`);
    }
    count += list.length;
    if (count > MAX_REQUESTS) throw validationError('Too many items requested for the BatchWriteItem call');
    const plans = list.map((value: unknown) => planRequest(engine, name, value));
    const seen = new Set<string>();
    for (const plan of plans) {
      const id = plan.id;
      if (seen.has(id)) throw validationError('Provided list of item keys contains duplicates');
      seen.add(id);
    }
    return { name, plans };
  });
  assertCollectionsFit(engine, planned.flatMap(({ plans }) => plans));
  const unprocessed = engine.capacity ? admitBatchWrites(engine.capacity, planned) : {};
  const capacities: Record<string, unknown>[] = [];
  const collections: Record<string, Record<string, unknown>[]> = {};
  for (const { name, plans } of planned) {
    let use = noUse();
    for (const plan of plans) {
      commitWrite(engine, plan.table, plan.key, plan.next, plan.id);
      if (level !== 'NONE') use = addUse(use, writeUse(plan.table, plan.current, plan.next));
      const collection = metrics ? itemCollectionMetrics(plan.table, plan.key) : undefined;
      if (collection) collectionsOf(collections, name).push(collection);
    }
    const capacity = consumedCapacity(name, use, level);
    if (capacity) capacities.push(capacity);
  }
  const out: Record<string, unknown> = { UnprocessedItems: unprocessed };
  if (level !== 'NONE') out.ConsumedCapacity = capacities;
  if (metrics) out.ItemCollectionMetrics = collections;
  return out;
}
