import { cloneItem } from '../values/AttributeValue';
import type { StoreEntry } from '../storage/ItemStore';
import type { WireItem } from '../values/AttributeValue';

/**
 * A Query/Scan page's `Items` as the engine answers the wire ({@link Engine.executeNow}): the stored entries the
 * page read, and their items as they were then, with no copy made. The wire layer writes each entry's memoised
 * JSON text (`json()`) instead of copying and stringifying every item, so a 1 MB Scan page costs a string join.
 * `engine.execute` hands its callers ordinary copies instead (see {@link withPlainItems}).
 */
export class StoredItemsPage {
  constructor(
    readonly entries: readonly StoreEntry[],
    /** The entries' items when the page was read (a later write of the same key puts a new item in its entry). */
    readonly items: readonly WireItem[],
  ) {}

  /** The page as stored entries (its items are the entries' items at this moment). */
  static of(entries: readonly StoreEntry[]): StoredItemsPage {
    const items = new Array<WireItem>(entries.length);
    for (let i = 0; i < entries.length; i += 1) items[i] = (entries[i] as StoreEntry).item;
    return new StoredItemsPage(entries, items);
  }

  /**
   * JSON text of the items. Each entry's text is memoised on it: a stored item is never changed (a write puts a new
   * item in the entry and clears the memo), so the text is right while the entry holds the item the page read; an
   * entry written since then gives its page item's text instead.
   */
  json(): string {
    let text = '[';
    for (let i = 0; i < this.entries.length; i += 1) {
      const entry = this.entries[i] as StoreEntry;
      const item = this.items[i] as WireItem;
      if (i > 0) text += ',';
      text += entry.item === item ? (entry.json ??= JSON.stringify(item)) : JSON.stringify(item);
    }
    return `${text}]`;
  }

  /** As JSON, the page is its items (so that stringifying a wire-form result never writes the entries). */
  toJSON(): readonly WireItem[] {
    return this.items;
  }

  /** Copies of the items, which the caller may change freely. */
  copies(): WireItem[] {
    return this.items.map((item) => cloneItem(item));
  }
}

/** A result with `Items` as plain copies when the engine answered them as a {@link StoredItemsPage}. */
export function withPlainItems(result: Record<string, unknown>): Record<string, unknown> {
  const items = result.Items;
  if (items instanceof StoredItemsPage) result.Items = items.copies();
  return result;
}
