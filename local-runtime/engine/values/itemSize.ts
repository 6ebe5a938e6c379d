import { significantDigits } from './numbers';
import { typeOf } from './AttributeValue';
import type { WireAttributeValue, WireItem } from './AttributeValue';

/** UTF-8 length; ASCII strings (the common case) are counted without calling into Buffer. */
const utf8 = (s: string): number => {
  for (let i = 0; i < s.length; i += 1) if (s.charCodeAt(i) > 0x7f) return Buffer.byteLength(s, 'utf8');
  return s.length;
};
const base64Bytes = (s: string): number => Buffer.from(s, 'base64').length;
const numberSize = (n: string): number => Math.ceil(significantDigits(n) / 2) + 1;

const SIZES: Record<string, (v: never) => number> = {
  S: (v: string) => utf8(v),
  N: (v: string) => numberSize(v),
  B: (v: string) => base64Bytes(v),
  BOOL: () => 1,
  NULL: () => 1,
  SS: (v: string[]) => v.reduce((n, s) => n + utf8(s), 0),
  NS: (v: string[]) => v.reduce((n, s) => n + numberSize(s), 0),
  BS: (v: string[]) => v.reduce((n, s) => n + base64Bytes(s), 0),
  L: (v: WireAttributeValue[]) => 3 + v.reduce((n, e) => n + 1 + valueSize(e), 0),
  M: (v: WireItem) => 3 + mapSize(v, 1),
};

/** Size of one value by DynamoDB's rules (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html). */
export function valueSize(value: WireAttributeValue): number {
  const type = typeOf(value);
  const size = SIZES[type] as (v: unknown) => number;
  return size((value as Record<string, unknown>)[type]);
}

/** Item size: UTF-8 length of each attribute name plus its value's size. */
export function itemSize(item: WireItem): number {
  return mapSize(item, 0);
}

/** Names and values of a map, plus `overhead` bytes per entry. */
function mapSize(map: WireItem, overhead: number): number {
  let total = 0;
  for (const name in map) total += overhead + utf8(name) + valueSize(map[name] as WireAttributeValue);
  return total;
}

/** DynamoDB's maximum item size, 400 KB. */
export const MAX_ITEM_SIZE = 400 * 1024;
