import { cloneItem } from '../values/AttributeValue';
import type { StoreEntry } from '../storage/ItemStore';
import type { WireItem } from '../values/AttributeValue';

/** The stored entries behind a read result's `Items` (a non-enumerable property; see {@link withStoredItems}). */
const STORED_ITEMS = Symbol('tidepool.storedItems');

type PageResult = Record<string, unknown> & { [STORED_ITEMS]?: StoreEntry[] };

function settleItems(out: PageResult, value: unknown): void {
  Object.defineProperty(out, 'Items', { value, enumerable: true, writable: true, configurable: true });
}

// Module-level accessors (not closures per result): `this` is the result they sit on.
function readItems(this: PageResult): WireItem[] {
  const copies = (this[STORED_ITEMS] ?? []).map((entry) => cloneItem(entry.item));
  settleItems(this, copies);
  return copies;
}

function writeItems(this: PageResult, value: unknown): void {
  settleItems(this, value);
}

const LAZY_ITEMS: PropertyDescriptor = { enumerable: true, configurable: true, get: readItems, set: writeItems };

/**
 * Sets `out.Items` to copies of the entries' items, made only when `Items` is first read: the wire layer never
 * reads it, it writes each entry's memoised JSON text instead (`storedItemsJson`), so a 1 MB Scan page costs a
 * string join rather than a deep copy and a JSON.stringify of every item. In-process callers of
 * `engine.execute` see an ordinary `Items` array of copies, as before.
 */
export function withStoredItems(out: Record<string, unknown>, entries: StoreEntry[]): void {
  Object.defineProperty(out, STORED_ITEMS, { value: entries });
  Object.defineProperty(out, 'Items', LAZY_ITEMS);
}

/**
 * The JSON text of a result's `Items` when they are still the stored entries (not read or replaced since
 * {@link withStoredItems}), else undefined. Each entry's text is memoised on it: stored items are never
 * changed in place (a write replaces the entry), so the text stays right for as long as the entry lives.
 */
export function storedItemsJson(out: Record<string, unknown>): string | undefined {
  const entries = (out as PageResult)[STORED_ITEMS];
  if (entries === undefined || Object.getOwnPropertyDescriptor(out, 'Items')?.get !== readItems) return undefined;
  let text = '[';
  for (let i = 0; i < entries.length; i += 1) {
    const entry = entries[i] as StoreEntry;
    if (i > 0) text += ',';
    text += entry.json ??= JSON.stringify(entry.item);
  }
  return `${text}]`;
}
