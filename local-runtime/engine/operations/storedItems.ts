import { cloneItem } from '../values/AttributeValue';
import type { StoreEntry } from '../storage/ItemStore';
import type { WireItem } from '../values/AttributeValue';

/** The stored entries behind a read result's `Items` (a non-enumerable property; see {@link withStoredItems}). */
export const STORED_ITEMS = Symbol('tidepool.storedItems');

/**
 * Sets `out.Items` to copies of the entries' items, made only when `Items` is first read: the wire layer never
 * reads it, it writes each entry's memoised JSON text instead (`storedItemsJson`), so a 1 MB Scan page costs a
 * string join rather than a deep copy and a JSON.stringify of every item. In-process callers of
 * `engine.execute` see an ordinary `Items` array of copies, as before.
 */
export function withStoredItems(out: Record<string, unknown>, entries: StoreEntry[]): void {
  const settle = (value: unknown): void => void Object.defineProperty(out, 'Items', { value, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(out, 'Items', {
    enumerable: true,
    configurable: true,
    get(): WireItem[] {
      const copies = entries.map((entry) => cloneItem(entry.item));
      settle(copies);
      return copies;
    },
    set: settle,
  });
  Object.defineProperty(out, STORED_ITEMS, { value: entries, enumerable: false });
}

/**
 * The JSON text of a result's `Items` when they are still the stored entries (not read or replaced since
 * {@link withStoredItems}), else undefined. Each entry's text is memoised on it: stored items are never
 * changed in place (a write replaces the entry), so the text stays right for as long as the entry lives.
 */
export function storedItemsJson(out: Record<string, unknown>): string | undefined {
  const entries = (out as { [STORED_ITEMS]?: StoreEntry[] })[STORED_ITEMS];
  const descriptor = entries && Object.getOwnPropertyDescriptor(out, 'Items');
  if (!entries || descriptor?.get === undefined) return undefined;
  let text = '[';
  for (let i = 0; i < entries.length; i += 1) {
    const entry = entries[i] as StoreEntry;
    if (i > 0) text += ',';
    text += entry.json ??= JSON.stringify(entry.item);
  }
  return `${text}]`;
}
