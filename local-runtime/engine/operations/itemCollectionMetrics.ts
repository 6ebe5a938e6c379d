import { constraintError } from '../errors';
import { itemSize } from '../values/itemSize';
import type { Table } from '../storage/Table';
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
  const lsis = table.definition.indexes.filter((i) => i.kind === 'LSI');
  if (lsis.length === 0) return undefined;
  const hashName = table.definition.schema.hash.name;
  const hashValue = key[hashName] as WireAttributeValue;
  let bytes = 0;
  for (const entry of table.items.partition(hashValue, true)) bytes += itemSize(entry.item);
  for (const lsi of lsis) {
    const store = table.index(lsi.name)?.store;
    if (store) for (const entry of store.partition(hashValue, true)) bytes += itemSize(entry.item);
  }
  const low = Math.floor(bytes / GB);
  return { ItemCollectionKey: { [hashName]: hashValue }, SizeEstimateRangeGB: [low, low + 1] };
}
