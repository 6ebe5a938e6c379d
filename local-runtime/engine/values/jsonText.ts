import type { WireItem } from './AttributeValue';

/** Whether JSON.stringify would escape something in `text`: a quote, backslash, control character or (possibly lone) surrogate. */
function needsEscape(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}

/** `JSON.stringify(text)` for a string: quotes added by hand when nothing in it needs escaping (most values). */
export function quotedJson(text: string): string {
  return needsEscape(text) ? JSON.stringify(text) : `"${text}"`;
}

/** JSON of a list of strings, or undefined when an element is not a string. */
function stringsJson(list: unknown): string | undefined {
  if (!Array.isArray(list)) return undefined;
  let text = '[';
  for (let i = 0; i < list.length; i += 1) {
    const element: unknown = list[i];
    if (typeof element !== 'string') return undefined;
    text += i === 0 ? quotedJson(element) : `,${quotedJson(element)}`;
  }
  return `${text}]`;
}

/** JSON of a list of attribute values, or undefined when one is not well formed. */
function valuesJson(list: unknown): string | undefined {
  if (!Array.isArray(list)) return undefined;
  let text = '[';
  for (let i = 0; i < list.length; i += 1) {
    const element = attributeValueJson(list[i]);
    if (element === undefined) return undefined;
    text += i === 0 ? element : `,${element}`;
  }
  return `${text}]`;
}

/**
 * JSON of one attribute value: an object with exactly one own member of a DynamoDB type and a value of that type's
 * JSON form. Anything else gives undefined, and the caller falls back to JSON.stringify.
 */
function attributeValueJson(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  let text: string | undefined;
  for (const type in record) {
    if (text !== undefined || !Object.hasOwn(record, type)) return undefined;
    const member = record[type];
    let body: string | undefined;
    switch (type) {
      case 'S':
      case 'N':
      case 'B':
        body = typeof member === 'string' ? quotedJson(member) : undefined;
        break;
      case 'BOOL':
      case 'NULL':
        body = typeof member === 'boolean' ? String(member) : undefined;
        break;
      case 'SS':
      case 'NS':
      case 'BS':
        body = stringsJson(member);
        break;
      case 'L':
        body = valuesJson(member);
        break;
      case 'M':
        body = attributeMapJson(member);
        break;
      default:
        body = undefined;
    }
    if (body === undefined) return undefined;
    text = `{"${type}":${body}}`;
  }
  return text;
}

/**
 * `JSON.stringify(map)` for a map of attribute values (an item, a key, an M value), written by hand: the same text
 * (members in the same order, strings escaped the same way) without JSON.stringify's per-call setup and per-object
 * `toJSON` lookups, which dominate for the small items most replies carry. Undefined when the map holds anything
 * that is not a well-formed attribute value, for the caller to stringify instead.
 */
export function attributeMapJson(map: unknown): string | undefined {
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return undefined;
  const record = map as WireItem;
  let text = '{';
  for (const name in record) {
    if (!Object.hasOwn(record, name)) return undefined;
    const value = attributeValueJson(record[name]);
    if (value === undefined) return undefined;
    text += text.length === 1 ? `${quotedJson(name)}:${value}` : `,${quotedJson(name)}:${value}`;
  }
  return `${text}}`;
}
