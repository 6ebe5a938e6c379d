import { validationError } from '../errors';
import { cloneItem } from '../values/AttributeValue';
import { itemSize } from '../values/itemSize';
import { addUse, capacityLevelOf, consumedCapacity, noUse, writeUse } from './capacity';
import { commitWrite } from './commitWrite';
import { TRANSACTION_CONFLICT_MESSAGE } from './EngineFaults';
import { COLLECTION_SIZE_EXCEEDED, collectionOverflow, collectionsOf, itemCollectionMetrics, wantsCollectionMetrics } from './itemCollectionMetrics';
import { transactionCanceled } from './transactionCanceled';
import { clientTokenOf, rememberResult, rememberedResult } from './transactionTokens';
import { transactItemsOf } from './transactItems';
import { planConditionCheck, planDelete, planPut, planUpdate } from './writePlan';
import { writeDemand } from '../capacity/CapacityModel';
import type { Engine } from '../Engine';
import type { CapacityUse } from './capacity';
import type { OperationInput } from './input';
import type { CancellationReason } from './transactionCanceled';
import type { WritePlan } from './writePlan';

/** The aggregate size of a transaction's items may not exceed 4 MB. */
const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;

const PLANNERS: Record<'Put' | 'Update' | 'Delete' | 'ConditionCheck', (engine: Engine, input: OperationInput) => WritePlan> = {
  Put: (engine, input) => planPut(engine, input, 'transaction'),
  Update: (engine, input) => planUpdate(engine, input, 'transaction'),
  Delete: (engine, input) => planDelete(engine, input, 'transaction'),
  ConditionCheck: planConditionCheck,
};
const ACTIONS = ['ConditionCheck', 'Put', 'Delete', 'Update'] as const;

function reasonFor(plan: WritePlan, conflicts: Set<string> | undefined): CancellationReason {
  if (conflicts?.has(plan.table.name)) return { Code: 'TransactionConflict', Message: TRANSACTION_CONFLICT_MESSAGE };
  if (!plan.passed) {
    const reason: CancellationReason = { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' };
    if (plan.returnOldOnFailure && plan.current) reason.Item = cloneItem(plan.current);
    return reason;
  }
  if (plan.error) return { Code: 'ValidationError', Message: plan.error.message };
  return { Code: 'None' };
}

/** Up to this many actions, pairs are compared directly instead of through a Set of combined ids. */
const FEW_ACTIONS = 8;

/** No two actions may touch the same item (same table and key). */
function assertDistinctItems(plans: readonly WritePlan[]): void {
  const duplicate = (): never => {
    throw validationError('Transaction request cannot include multiple operations on one item');
  };
  if (plans.length <= FEW_ACTIONS) {
    for (let i = 1; i < plans.length; i += 1) {
      const a = plans[i] as WritePlan;
      for (let j = 0; j < i; j += 1) if ((plans[j] as WritePlan).id === a.id && (plans[j] as WritePlan).table === a.table) duplicate();
    }
    return;
  }
  const seen = new Set<string>();
  for (const plan of plans) {
    const id = `${plan.table.name}\u0000${plan.id}`;
    if (seen.has(id)) duplicate();
    seen.add(id);
  }
}

/**
 * TransactWriteItems: up to 100 Put/Update/Delete/ConditionCheck actions on distinct items, all or nothing. Every
 * action is planned and checked first; if any fails the transaction is cancelled with one reason per action and
 * nothing (not even a stream record) is written. A ClientRequestToken makes it idempotent for 10 minutes
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html).
 */
export function transactWriteItems(engine: Engine, input: OperationInput, requestJson?: string): Record<string, unknown> {
  const level = capacityLevelOf(input);
  const metrics = wantsCollectionMetrics(input);
  const items = transactItemsOf(input, ACTIONS);
  const token = clientTokenOf(input);
  if (token !== undefined) {
    const earlier = rememberedResult(engine, token, input, requestJson);
    if (earlier) return earlier;
  }
  const plans: WritePlan[] = [];
  for (const { action, request } of items) plans.push(PLANNERS[action](engine, request));
  assertDistinctItems(plans);
  let bytes = 0;
  let fails = false;
  for (const plan of plans) {
    bytes += plan.writes && plan.next ? (plan.size ?? itemSize(plan.next)) : itemSize(plan.key);
    if (!plan.passed || plan.error !== undefined) fails = true;
  }
  if (bytes > MAX_TRANSACTION_BYTES) throw validationError('Transaction request size has exceeded the maximum allowed size of 4 MB');
  const conflicts = engine.faults.armed ? engine.faults.takeConflict([...new Set(plans.map((p) => p.table.name))]) : undefined;
  // Reasons are only worked out when something fails (the usual transaction passes every check).
  fails ||= conflicts !== undefined;
  const overflow = fails ? -1 : collectionOverflow(engine, plans);
  if (fails || overflow >= 0) {
    const reasons = plans.map((plan) => reasonFor(plan, conflicts));
    if (overflow >= 0) reasons[overflow] = { Code: 'ItemCollectionSizeLimitExceeded', Message: COLLECTION_SIZE_EXCEEDED };
    throw transactionCanceled(reasons);
  }
  if (engine.capacity) engine.capacity.transact(plans.map((p) => writeDemand(p.table, p.key, p.current, p.writes ? p.next : p.current, 2)));
  for (const plan of plans) if (plan.writes) commitWrite(engine, plan.table, plan.key, plan.next, plan.id);
  const out: Record<string, unknown> = {};
  if (level !== 'NONE') {
    // Transactional writes cost two underlying writes each; a ConditionCheck is charged like a write of the item.
    const uses = new Map<string, CapacityUse>();
    for (const plan of plans) uses.set(plan.table.name, addUse(uses.get(plan.table.name) ?? noUse(), writeUse(plan.table, plan.current, plan.writes ? plan.next : plan.current, 2)));
    out.ConsumedCapacity = [...uses].map(([name, use]) => consumedCapacity(name, use, level));
  }
  if (metrics) {
    const collections: Record<string, Record<string, unknown>[]> = {};
    for (const plan of plans) {
      const collection = plan.writes ? itemCollectionMetrics(plan.table, plan.key) : undefined;
      if (collection) collectionsOf(collections, plan.table.name).push(collection);
    }
    out.ItemCollectionMetrics = collections;
  }
  if (token !== undefined) rememberResult(engine, token, input, out, requestJson);
  return out;
}
