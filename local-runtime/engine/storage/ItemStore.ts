import { compareScalars, scalarComparator } from '../values/compareValues';
import { keyId, keyValueText } from './keys';
import { typeOf } from '../values/AttributeValue';
import { ownValue } from '../values/attributeAccess';
import type { WireAttributeValue, WireItem } from '../values/AttributeValue';
import type { KeyAttribute, KeySchema } from './keys';

/** One stored item with its precomputed ordering fields. */
export interface StoreEntry {
  /** Sort key value in this store's schema (undefined for hash-only schemas). */
  sort: WireAttributeValue | undefined;
  /** The sort key's payload (its S, N or B text), which comparisons read without going through `sort`. */
  key?: string;
  /** Identity of the item in the table (table primary key), tie-breaker inside an index. */
  id: string;
  /** The item as stored. A write of the same table key puts the new item here (see ItemStore.put). */
  item: WireItem;
  /** The item's size by DynamoDB's rules, memoised by readers; cleared when `item` is replaced. */
  size: number | undefined;
  /** `JSON.stringify(item)`, memoised by the wire layer when it first sends the item (see storedItems); cleared when `item` is replaced. */
  json: string | undefined;
}

type Ordered = Pick<StoreEntry, 'sort' | 'id' | 'key'>;
type EntryOrder = (a: Ordered, b: Ordered) => number;

const byId = (a: Ordered, b: Ordered): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Entry order of a store: by sort key (DynamoDB's order for its type), then by table key. The sort key's type
 * is known from the schema, so its comparator is picked once instead of per comparison; a probe value of
 * another type (never stored) falls back to the generic comparison.
 */
function entryOrder(range: KeyAttribute | undefined): EntryOrder {
  if (!range) return byId;
  const type = range.type;
  const compare = scalarComparator(type);
  return (a, b) => {
    const x = a.key ?? (a.sort as Record<string, unknown> | undefined)?.[type];
    const y = b.key ?? (b.sort as Record<string, unknown> | undefined)?.[type];
    let bySort = 0;
    if (typeof x === 'string' && typeof y === 'string') bySort = compare(x, y);
    else if (a.sort !== undefined && b.sort !== undefined) bySort = compareScalars(a.sort, b.sort) ?? 0;
    return bySort !== 0 ? bySort : byId(a, b);
  };
}

/** Position of the first entry not less than `probe` (binary search). */
function lowerBound(entries: StoreEntry[], probe: Ordered, order: EntryOrder): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (order(entries[mid] as StoreEntry, probe) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where a query or scan resumes: strictly after this position. */
export interface StorePosition {
  partition: string;
  sort: WireAttributeValue | undefined;
  /** The sort key's payload (see StoreEntry.key). */
  key: string | undefined;
  id: string;
}

/**
 * Items of one table or index: partitions by hash key, each a sorted array (by sort key, then table key)
 * with binary-search insertion, so a Query reads one partition in order instead of scanning the table.
 */
export class ItemStore {
  readonly #partitions = new Map<string, StoreEntry[]>();
  /** Partition ids in scan order, kept until a partition is added or removed. */
  #sortedIds: string[] | undefined;
  #size = 0;
  /** Entries by table key id, in the table's own store only (its exact lookups skip the binary search). */
  readonly #byId: Map<string, StoreEntry> | undefined;
  readonly #order: EntryOrder;

  constructor(
    /** Key schema of this store (the table's, or the index's). */
    readonly schema: KeySchema,
    /** The table's key schema, which identifies items. */
    readonly tableSchema: KeySchema,
  ) {
    this.#byId = schema === tableSchema ? new Map() : undefined;
    this.#order = entryOrder(schema.range);
  }

  get size(): number {
    return this.#size;
  }

  /** Partition id of an item (undefined when the item lacks this store's key attributes). */
  partitionOf(item: WireItem): string | undefined {
    const { hash, range } = this.schema;
    const hashValue = ownValue(item, hash.name, item[hash.name]);
    if (hashValue === undefined || typeOf(hashValue) !== hash.type) return undefined;
    if (range) {
      const rangeValue = ownValue(item, range.name, item[range.name]);
      if (rangeValue === undefined || typeOf(rangeValue) !== range.type) return undefined;
    }
    return keyValueText(hashValue);
  }

  /** Position of an item in this store's order (`id`: its table key id, when the caller has it already). */
  positionOf(item: WireItem, id?: string): StorePosition | undefined {
    const partition = this.partitionOf(item);
    if (partition === undefined) return undefined;
    const range = this.schema.range;
    // partitionOf has checked that the sort key value has the range's type.
    const sort = range ? ownValue(item, range.name, item[range.name]) : undefined;
    const key = sort && range ? ((sort as Record<string, unknown>)[range.type] as string) : undefined;
    return { partition, sort, key, id: id ?? keyId(item, this.tableSchema) };
  }

  /**
   * Insert or replace (by table key); returns the item replaced. Items lacking this store's key attributes are not
   * stored (sparse index). In the table's own store, an item replacing one with the same key takes its entry in
   * place: the same table key means the same partition and sort key, so the entry's position does not change.
   */
  put(item: WireItem, id?: string): WireItem | undefined {
    if (this.#byId) {
      const existing = this.#byId.get(id ?? keyId(item, this.tableSchema));
      if (existing) {
        const old = existing.item;
        existing.item = item;
        existing.size = undefined;
        existing.json = undefined;
        return old;
      }
    }
    const position = this.positionOf(item, id);
    if (!position) return undefined;
    const entry: StoreEntry = { sort: position.sort, key: position.key, id: position.id, item, size: undefined, json: undefined };
    this.#byId?.set(position.id, entry);
    const entries = this.#partitions.get(position.partition);
    if (!entries) {
      this.#partitions.set(position.partition, [entry]);
      this.#sortedIds = undefined;
      this.#size += 1;
      return undefined;
    }
    const at = lowerBound(entries, position, this.#order);
    // Same table key: the entry takes the old one's place (removing it would leave `at` as the insertion point).
    const old = entries[at];
    if (old?.id === position.id) {
      entries[at] = entry;
      return old.item;
    }
    entries.splice(at, 0, entry);
    this.#size += 1;
    return undefined;
  }

  /** Remove the entry for `item`'s table key (the item as currently stored), if any. */
  remove(item: WireItem): void {
    const position = this.positionOf(item);
    if (position) this.#removeAt(position);
  }

  #removeAt(position: StorePosition): void {
    const entries = this.#partitions.get(position.partition);
    if (!entries) return;
    const at = lowerBound(entries, position, this.#order);
    if (entries[at]?.id !== position.id) return;
    this.#byId?.delete(position.id);
    entries.splice(at, 1);
    this.#size -= 1;
    if (entries.length === 0) {
      this.#partitions.delete(position.partition);
      this.#sortedIds = undefined;
    }
  }

  /** Exact lookup by table key id (see keyId), in the table's own store. */
  getById(id: string): WireItem | undefined {
    return this.#byId?.get(id)?.item;
  }

  /** The stored entry (with its memoised size and JSON) of a table key id, in the table's own store. */
  entryById(id: string): StoreEntry | undefined {
    return this.#byId?.get(id);
  }

  /** Exact lookup by a full key of this store (table stores only). */
  get(key: WireItem): WireItem | undefined {
    // A key with a missing or mistyped attribute has an id no stored item has (stored keys are complete and typed).
    if (this.#byId) return this.#byId.get(keyId(key, this.tableSchema))?.item;
    const position = this.positionOf(key);
    if (!position) return undefined;
    const entries = this.#partitions.get(position.partition) ?? [];
    const entry = entries[lowerBound(entries, position, this.#order)];
    return entry?.id === position.id ? entry.item : undefined;
  }

  /**
   * Entries of one partition in sort order (or reversed), strictly after `after` in that direction.
   * `seek` skips ahead by binary search: forward to the first sort key >= seek, backward to the last <= seek.
   */
  *partition(hashValue: WireAttributeValue, forward: boolean, after?: StorePosition, seek?: WireAttributeValue): Generator<StoreEntry> {
    const entries = this.#partitions.get(keyValueText(hashValue)) ?? [];
    if (forward) {
      let i = after ? lowerBound(entries, after, this.#order) : 0;
      if (after && entries[i] && this.#order(entries[i] as StoreEntry, after) === 0) i += 1;
      if (seek) i = Math.max(i, lowerBound(entries, { sort: seek, id: '' }, this.#order));
      for (; i < entries.length; i += 1) yield entries[i] as StoreEntry;
    } else {
      let i = after ? lowerBound(entries, after, this.#order) - 1 : entries.length - 1;
      if (seek) i = Math.min(i, lowerBound(entries, { sort: seek, id: '\uffff' }, this.#order) - 1);
      for (; i >= 0; i -= 1) yield entries[i] as StoreEntry;
    }
  }

  /** All entries: partitions in a stable order (by partition id), each in sort order, strictly after `after`. */
  *scan(after?: StorePosition): Generator<StoreEntry> {
    this.#sortedIds ??= [...this.#partitions.keys()].sort();
    const ids = this.#sortedIds;
    // First partition id not below the resume position (binary search).
    let lo = 0;
    let hi = after ? ids.length : 0;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ids[mid] as string) < (after as StorePosition).partition) lo = mid + 1;
      else hi = mid;
    }
    for (let p = lo; p < ids.length; p += 1) {
      const id = ids[p] as string;
      // A write between two pages of this generator may have emptied and dropped a partition.
      const entries = this.#partitions.get(id);
      if (!entries) continue;
      let i = 0;
      if (after && id === after.partition) {
        i = lowerBound(entries, after, this.#order);
        if (entries[i] && this.#order(entries[i] as StoreEntry, after) === 0) i += 1;
      }
      for (; i < entries.length; i += 1) yield entries[i] as StoreEntry;
    }
  }
}
