import { projectItem } from '../expressions/project';
import { cloneItem } from '../values/AttributeValue';
import { itemSize } from '../values/itemSize';
import { keyAttributes } from '../storage/keys';
import { StoredItemsPage } from './storedItems';
import type { KeySchema } from '../storage/keys';
import type { StoreEntry } from '../storage/ItemStore';
import type { WireAttributeValue, WireItem } from '../values/AttributeValue';
import type { RequestExpressions } from './requestExpressions';

/** DynamoDB stops a Query/Scan page after 1 MB of read data. */
const PAGE_BYTES = 1024 * 1024;

export interface PageOptions {
  entries: Iterable<StoreEntry>;
  /** Items must also satisfy this (the key condition's range part), else they are skipped without counting. */
  matches?: (item: WireItem) => boolean;
  /** The matching items form one run in iteration order: stop at the first mismatch after a match. */
  contiguous?: boolean;
  limit: number | undefined;
  expressions: RequestExpressions;
  count: boolean;
  /** Key schemas whose attributes make up LastEvaluatedKey (table, then index). */
  keySchemas: KeySchema[];
  /** For an LSI read asking for attributes it does not project: the table's entry of an index entry (see lsiFetchOf). */
  fetch?: ((entry: StoreEntry) => StoreEntry) | undefined;
}

/**
 * Shared read loop of Query and Scan: Limit counts items read before the filter, pages stop at 1 MB,
 * LastEvaluatedKey is set whenever a page stops early — including when Limit is reached exactly
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html).
 */
export function readPage(options: PageOptions): { out: Record<string, unknown>; bytesRead: number; bytesFetched: number } {
  const kept: StoreEntry[] = [];
  let scanned = 0;
  let bytes = 0;
  let fetched = 0;
  const fetch = options.fetch;
  let last: WireItem | undefined;
  let stoppedEarly = false;
  let matchedAny = false;
  const iterator = options.entries[Symbol.iterator]();
  for (let next = iterator.next(); !next.done; next = iterator.next()) {
    const entry = next.value;
    const item = entry.item;
    if (options.matches && !options.matches(item)) {
      if (options.contiguous && matchedAny) break;
      continue;
    }
    matchedAny = true;
    if (options.limit !== undefined && scanned >= options.limit) {
      stoppedEarly = true;
      break;
    }
    if (bytes >= PAGE_BYTES) {
      stoppedEarly = true;
      break;
    }
    scanned += 1;
    bytes += entry.size ??= itemSize(item);
    last = item;
    const source = fetch ? fetch(entry) : entry;
    if (fetch) fetched += source.size ??= itemSize(source.item);
    const filter = options.expressions.filter;
    if (filter && !filter.evaluator.evaluate(filter.tree, source.item)) continue;
    kept.push(source);
  }
  if (!stoppedEarly && options.limit !== undefined && scanned === options.limit) stoppedEarly = true;
  const out: Record<string, unknown> = { Count: kept.length, ScannedCount: scanned };
  if (!options.count) {
    const projection = options.expressions.projection;
    if (projection) out.Items = kept.map((entry) => projectItem(entry.item, projection.paths));
    else out.Items = StoredItemsPage.of(kept);
  }
  if (stoppedEarly && last) out.LastEvaluatedKey = lastEvaluatedKey(last, options.keySchemas);
  return { out, bytesRead: bytes, bytesFetched: fetched };
}

/** Whether `name` is an attribute of one of the key schemas. */
function isKeyName(name: string, keySchemas: readonly KeySchema[]): boolean {
  for (const schema of keySchemas) for (const attribute of keyAttributes(schema)) if (attribute.name === name) return true;
  return false;
}

/** A copy of the key attributes (of every schema) of the last item read, in the item's attribute order. */
function lastEvaluatedKey(last: WireItem, keySchemas: readonly KeySchema[]): WireItem {
  const key: WireItem = {};
  for (const name in last) {
    if (!Object.hasOwn(last, name) || !isKeyName(name, keySchemas)) continue;
    const value = cloneItem(last[name] as WireAttributeValue);
    // An attribute may be called `__proto__`: defined as an own property, never as the prototype.
    if (name === '__proto__') Object.defineProperty(key, name, { value, enumerable: true, writable: true, configurable: true });
    else key[name] = value;
  }
  return key;
}
