import { Table } from '../storage/Table';
import { isUnindexableKeyValue, keyAttributes } from '../storage/keys';
import { ownValue } from '../values/attributeAccess';
import type { IndexDefinition, TableDefinition } from '../storage/Table';
import type { WireItem } from '../values/AttributeValue';

/** Whether an item has a value for one of the index's key attributes that a write would refuse (empty or too large). */
function violates(item: WireItem, index: IndexDefinition): boolean {
  for (const attribute of keyAttributes(index.schema)) {
    const value = ownValue(item, attribute.name, item[attribute.name]);
    if (value !== undefined && isUnindexableKeyValue(value, attribute === index.schema.hash)) return true;
  }
  return false;
}

/**
 * The table after UpdateTable changed its indexes: the same items, with each new GSI backfilled. As on AWS, an item
 * whose new index key attribute has the wrong type, is empty or is over the key size limit stays in the table but is
 * left out of the index (an index key violation:
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.OnlineOps.ViolationDetection.html).
 * Items of the wrong type are left out by the index store itself; the others are removed here.
 */
export function rebuiltTable(table: Table, definition: TableDefinition, previous: readonly IndexDefinition[]): Table {
  const next = new Table(definition);
  const known = new Set(previous.map((index) => index.name));
  const created = definition.indexes.filter((index) => !known.has(index.name));
  for (const { item } of table.items.scan()) {
    next.put(item);
    for (const index of created) if (violates(item, index)) next.index(index.name)?.store.remove(item);
  }
  return next;
}
