import { DynamoDbError, constraintError } from '../errors';
import { keyValueText } from '../storage/keys';
import { getAttribute, setAttribute } from '../values/attributeAccess';
import type { Engine } from '../Engine';
import type { Table } from '../storage/Table';
import type { WritePlan } from './writePlan';
import type { WireAttributeValue, WireItem } from '../values/AttributeValue';
import type { OperationInput } from './input';

const GB = 1024 ** 3;

/** Whether the request asked for item collection metrics (`SIZE`), validated against AWS's enum. */
export function wantsCollectionMetrics(input: OperationInput): boolean {
  const value = input.ReturnItemCollectionMetrics ?? 'NONE';
  if (value !== 'NONE' && value !== 'SIZE') throw constraintError(value, 'returnItemCollectionMetrics', 'Member must satisfy enum value set: [SIZE, NONE]');
  return value === 'SIZE';
}

/**
 * ItemCollectionMetrics of the item collection (all items with one partition key value, plus their LSI entries)
 * a write touched. Only tables with a local secondary index have item collections, so other tables return
 * undefined (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.ItemCollections).
 */
export function itemCollectionMetrics(table: Table, key: WireItem): Record<string, unknown> | undefined {
  if (!table.hasItemCollections) return undefined;
  const hashName = table.definition.schema.hash.name;
  const hashValue = getAttribute(key, hashName) as WireAttributeValue;
  const low = Math.floor(table.collectionBytes(hashValue) / GB);
  return { ItemCollectionKey: { [hashName]: hashValue }, SizeEstimateRangeGB: [low, low + 1] };
}

/**
 * An item collection may hold at most 10 GB (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.ItemCollections.SizeLimit);
 * `EngineOptions.itemCollectionLimitBytes` lowers it so tests can reach it.
 */
export const ITEM_COLLECTION_LIMIT_BYTES = 10 * GB;

/** DynamoDB's message for a write refused because its item collection would outgrow the limit. */
export const COLLECTION_SIZE_EXCEEDED = 'Collection size exceeded.';

/**
 * The index of the first write (applied in order) that would grow its item collection past the limit, or -1.
 * Writes that shrink or keep a collection's size are never refused, so an oversized collection can be trimmed.
 */
export function collectionOverflow(engine: Engine, plans: readonly WritePlan[]): number {
  const limit = engine.options.itemCollectionLimitBytes ?? ITEM_COLLECTION_LIMIT_BYTES;
  // Made at the first write to a table with item collections (most tables have no LSI).
  let pending: Map<string, number> | undefined;
  for (let i = 0; i < plans.length; i += 1) {
    const plan = plans[i] as WritePlan;
    if (!plan.writes || !plan.table.hasItemCollections) continue;
    pending ??= new Map();
    const delta = plan.table.collectionShare(plan.next) - plan.table.collectionShare(plan.current);
    const hashValue = getAttribute(plan.key, plan.table.definition.schema.hash.name) as WireAttributeValue;
    const id = `${plan.table.name}\u0000${keyValueText(hashValue)}`;
    const total = (pending.get(id) ?? plan.table.collectionBytes(hashValue)) + delta;
    if (delta > 0 && total > limit) return i;
    pending.set(id, total);
  }
  return -1;
}

/** Throw ItemCollectionSizeLimitExceededException when one of these writes would outgrow its item collection. */
export function assertCollectionsFit(engine: Engine, plans: readonly WritePlan[]): void {
  if (collectionOverflow(engine, plans) >= 0) throw new DynamoDbError('ItemCollectionSizeLimitExceededException', COLLECTION_SIZE_EXCEEDED);
}

/** The ItemCollectionMetrics list of table `name` in a batch's or transaction's per-table map, created when missing. */
export function collectionsOf(collections: Record<string, Record<string, unknown>[]>, name: string): Record<string, unknown>[] {
  let list = getAttribute(collections, name);
  if (list === undefined) setAttribute(collections, name, (list = []));
  return list;
}
