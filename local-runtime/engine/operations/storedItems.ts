import { cloneItem } from '../values/AttributeValue';
import type { StoreEntry } from '../storage/ItemStore';
import type { WireItem } from '../values/AttributeValue';

/** The stored entries behind a read result's `Items` (a non-enumerable property; see {@link withStoredItems}). */
const STORED_ITEMS = Symbol('tidepool.storedItems');
/** The entries' items as they were when the page was read (a later write of the same key replaces an entry's item). */
const PAGE_ITEMS = Symbol('tidepool.pageItems');

type PageResult = Record<string, unknown> & { [STORED_ITEMS]?: StoreEntry[]; [PAGE_ITEMS]?: WireItem[] };

function settleItems(out: PageResult, value: unknown): void {
  Object.defineProperty(out, 'Items', { value, enumerable: true, writable: true, configurable: true });
}

// Module-level accessors (not closures per result): `this` is the result they sit on.
function readItems(this: PageResult): WireItem[] {
  const copies = (this[PAGE_ITEMS] ?? []).map((item) => cloneItem(item));
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
  const items: WireItem[] = new Array<WireItem>(entries.length);
  for (let i = 0; i < entries.length; i += 1) items[i] = (entries[i] as StoreEntry).item;
  Object.defineProperty(out, STORED_ITEMS, { value: entries });
  Object.defineProperty(out, PAGE_ITEMS, { value: items });
  Object.defineProperty(out, 'Items', LAZY_ITEMS);
}

/**
 * The JSON text of a result's `Items` when they are still the stored entries (not read or replaced since
 * {@link withStoredItems}), else undefined. Each entry's text is memoised on it: a stored item is never changed
 * (a write puts a new item in the entry and clears the memo), so the text is right while the entry holds the
 * item the page read; an entry written since then gives its page item's text instead.
 */
export function storedItemsJson(out: Record<string, unknown>): string | undefined {
  const entries = (out as PageResult)[STORED_ITEMS];
  const items = (out as PageResult)[PAGE_ITEMS];
  if (entries === undefined || items === undefined || Object.getOwnPropertyDescriptor(out, 'Items')?.get !== readItems) return undefined;
  let text = '[';
  for (let i = 0; i < entries.length; i += 1) {
    const entry = entries[i] as StoreEntry;
    const item = items[i] as WireItem;
    if (i > 0) text += ',';
    text += entry.item === item ? (entry.json ??= JSON.stringify(item)) : JSON.stringify(item);
  }
  return `${text}]`;
}
