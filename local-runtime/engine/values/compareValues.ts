import { isSmallInteger, toDecimal } from './numbers';
import { typeOf } from './AttributeValue';
import { ownValue } from './attributeAccess';
import type { WireAttributeValue } from './AttributeValue';

function compareBytes(a: Buffer, b: Buffer): number {
  return Math.sign(Buffer.compare(a, b));
}

const isSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdfff;

/**
 * UTF-8 byte order of two strings without encoding them: UTF-8 orders like code points, and UTF-16 code units
 * order like code points except around surrogates, where this falls back to comparing the encoded bytes.
 */
function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  let i = 0;
  while (i < length && a.charCodeAt(i) === b.charCodeAt(i)) i += 1;
  const x = i < a.length ? a.charCodeAt(i) : -1;
  const y = i < b.length ? b.charCodeAt(i) : -1;
  if (isSurrogate(x) || isSurrogate(y) || (i > 0 && isSurrogate(a.charCodeAt(i - 1)))) return compareBytes(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  return x < y ? -1 : 1;
}

function compareNumbers(a: string, b: string): number {
  if (a === b) return 0;
  if (isSmallInteger(a) && isSmallInteger(b)) return Math.sign(Number(a) - Number(b));
  return toDecimal(a).comparedTo(toDecimal(b));
}

const SCALAR_COMPARATORS: Record<string, (a: string, b: string) => number> = {
  S: compareUtf8,
  N: compareNumbers,
  B: (a, b) => compareBytes(Buffer.from(a, 'base64'), Buffer.from(b, 'base64')),
};

/** The comparator of one scalar type's payloads (S, N or B), e.g. for a sort key of known type. */
export function scalarComparator(type: 'S' | 'N' | 'B'): (a: string, b: string) => number {
  return SCALAR_COMPARATORS[type] as (a: string, b: string) => number;
}

/**
 * Order two scalar values of the same type the way DynamoDB orders sort keys:
 * strings by UTF-8 bytes, numbers numerically, binary bytewise
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html).
 * Returns undefined when the values are not comparable (different types, or not S/N/B).
 */
export function compareScalars(a: WireAttributeValue, b: WireAttributeValue): number | undefined {
  const type = typeOf(a);
  const comparator = SCALAR_COMPARATORS[type];
  if (!comparator || typeOf(b) !== type) return undefined;
  return comparator((a as Record<string, string>)[type] as string, (b as Record<string, string>)[type] as string);
}

function sameMembers(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
}

/** Deep equality of two (normalised) values; sets compare as unordered collections. */
export function valuesEqual(a: WireAttributeValue | undefined, b: WireAttributeValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const type = typeOf(a);
  if (typeOf(b) !== type) return false;
  const x = (a as Record<string, unknown>)[type];
  const y = (b as Record<string, unknown>)[type];
  if (type === 'M') return itemsEqual(x as Record<string, WireAttributeValue>, y as Record<string, WireAttributeValue>);
  if (type === 'L') {
    const l = x as WireAttributeValue[];
    const r = y as WireAttributeValue[];
    return l.length === r.length && l.every((v, i) => valuesEqual(v, r[i]));
  }
  if (type === 'SS' || type === 'NS' || type === 'BS') return sameMembers(x as string[], y as string[]);
  if (type === 'N' || type === 'S' || type === 'B') return compareScalars(a, b) === 0;
  return x === y;
}

/** Deep equality of two items. */
export function itemsEqual(a: Record<string, WireAttributeValue> | undefined, b: Record<string, WireAttributeValue> | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => valuesEqual(a[k], ownValue(b, k, b[k])));
}
