import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneItem } from './AttributeValue';
import { compareScalars } from './compareValues';
import { addNumbers, isPlainDecimal, isSmallInteger, normalizeNumber, significantDigits } from './numbers';
import { isNameText } from '../operations/input';
import type { WireAttributeValue } from './AttributeValue';

// The performance fast paths must give exactly what the general (decimal.js / Buffer) code gives.
// Sort order: strings by UTF-8 bytes, numbers numerically
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html).

const Dec = Decimal.clone({ precision: 60, toExpNeg: -200, toExpPos: 200 });
/** Strings mixing ASCII, BMP above the surrogates, astral characters and lone surrogates. */
const text = fc.array(fc.constantFrom('a', 'b', 'Z', '\u00e9', '\uff5e', '\ue000', '\u{1f600}', '\u{10000}', '\ud83d', '\ude00', '\uffff'), { maxLength: 6 }).map((parts) => parts.join(''));
const integer = fc.oneof(fc.integer({ min: -999_999_999_999_999, max: 999_999_999_999_999 }), fc.integer({ min: -20, max: 20 })).map(String);
const decimal = fc.tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 12 })).map(([digits, scale]) => new Dec(digits.toString()).div(new Dec(10).pow(scale)).toFixed());

describe('fast paths agree with the general implementations', () => {
  it('orders strings exactly as their UTF-8 bytes, surrogates included', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(compareScalars({ S: a }, { S: b })).toBe(Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))));
      }),
      { numRuns: 2000 },
    );
  });

  it('orders numbers exactly as decimal.js does', () => {
    fc.assert(
      fc.property(fc.oneof(integer, decimal), fc.oneof(integer, decimal), (a, b) => {
        expect(compareScalars({ N: a }, { N: b })).toBe(new Dec(a).comparedTo(new Dec(b)));
      }),
      { numRuns: 2000 },
    );
  });

  it('adds, normalises and counts significant digits exactly', () => {
    fc.assert(
      fc.property(fc.oneof(integer, decimal), fc.oneof(integer, decimal), fc.boolean(), (a, b, subtract) => {
        const x = new Dec(a);
        const y = new Dec(b);
        const exact = subtract ? x.minus(y) : x.plus(y);
        expect(addNumbers(a, b, subtract)).toBe(exact.isZero() ? '0' : exact.toFixed());
        expect(normalizeNumber(a)).toBe(x.isZero() ? '0' : x.toFixed());
        expect(significantDigits(a)).toBe(x.isZero() ? 1 : x.precision(false));
      }),
      { numRuns: 2000 },
    );
  });

  it('recognises small integers, plain decimals and name characters exactly as the patterns they replace', () => {
    const numberish = fc.array(fc.constantFrom('0', '1', '9', '5', '-', '.', 'e', '+', ' ', '\u0660'), { maxLength: 18 }).map((parts) => parts.join(''));
    const nameish = fc.array(fc.constantFrom('a', 'Z', '0', '_', '.', '-', ' ', '/', '\u00e9', '`', '[', '@', ':', '{'), { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(numberish, integer, decimal), nameish, (n, name) => {
        expect(isSmallInteger(n)).toBe(n === '0' || /^-?[1-9]\d{0,14}$/.test(n));
        expect(isPlainDecimal(n)).toBe(/^-?\d+(\.\d+)?$/.test(n));
        expect(isNameText(name)).toBe(name === '' || /^[a-zA-Z0-9_.-]+$/.test(name));
      }),
      { numRuns: 3000 },
    );
  });

  it('clones deeply: changing the copy leaves the original as it was', () => {
    // As the wire parses it: JSON.parse makes `__proto__` an own attribute name, not a prototype.
    const original = JSON.parse('{"a":{"M":{"b":{"L":[{"S":"x"},{"NS":["1","2"]}]}}},"__proto__":{"S":"odd name"}}') as Record<string, WireAttributeValue>;
    const copy = cloneItem(original);
    expect(copy).toEqual(original);
    expect(Object.keys(copy)).toEqual(Object.keys(original));
    ((copy['a'] as { M: Record<string, { L: { S: string }[] }> }).M['b']?.L[0] as { S: string }).S = 'changed';
    expect(JSON.stringify(original)).toContain('"x"');
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });
});
