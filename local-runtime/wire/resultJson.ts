import { StoredItemsPage } from '../engine/operations/storedItems';
import { isNameText } from '../engine/operations/input';
import { attributeMapJson } from '../engine/values/jsonText';

/** Result members that hold one map of attribute values (an item or a key). */
const ATTRIBUTE_MAPS = new Set(['Attributes', 'Item', 'LastEvaluatedKey']);

/** Whether a result has no properties (the whole reply of most writes). */
function isEmpty(payload: Record<string, unknown>): boolean {
  for (const key in payload) if (Object.hasOwn(payload, key)) return false;
  return true;
}

/** JSON of a list of items (a projected Query/Scan page), each written by hand when it is well formed. */
function itemsJson(items: readonly unknown[]): string {
  let text = '[';
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i];
    if (i > 0) text += ',';
    text += attributeMapJson(item) ?? JSON.stringify(item);
  }
  return `${text}]`;
}

function memberJson(name: string, value: unknown): string {
  if (value instanceof StoredItemsPage) return value.json();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (ATTRIBUTE_MAPS.has(name)) return attributeMapJson(value) ?? JSON.stringify(value);
  if (name === 'Items' && Array.isArray(value)) return itemsJson(value);
  return JSON.stringify(value);
}

/**
 * The JSON text of an operation's result: exactly `JSON.stringify(result)`, written member by member. Items and
 * keys (`Item`, `Attributes`, a page's `Items`, `LastEvaluatedKey`) are written by hand (engine/values/jsonText),
 * a Query/Scan page's stored items from each entry's memoised JSON (engine/operations/storedItems), numbers
 * without a JSON.stringify call; anything else goes through JSON.stringify.
 */
export function resultJson(payload: Record<string, unknown>): string {
  if (isEmpty(payload)) return '{}';
  let text = '{';
  for (const key in payload) {
    if (!Object.hasOwn(payload, key)) continue;
    const value = payload[key];
    // JSON.stringify leaves out members whose value it cannot write (undefined, functions, symbols).
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    if (text.length > 1) text += ',';
    // Result member names are the API's own (Count, Items, Attributes…): nothing in them needs escaping.
    text += isNameText(key) ? `"${key}":${memberJson(key, value)}` : `${JSON.stringify(key)}:${memberJson(key, value)}`;
  }
  return `${text}}`;
}
