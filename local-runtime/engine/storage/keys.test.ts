import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyId, keyValueText } from './keys';
import type { WireAttributeValue } from '../values/AttributeValue';

// Identity and partition strings are built by hand for speed; they must stay exactly JSON.stringify's text,
// because stores order partitions and index entries by them.
const keyValue: fc.Arbitrary<WireAttributeValue> = fc.oneof(
  fc.string({ unit: 'binary' }).map((S) => ({ S })),
  fc.string().map((S) => ({ S })),
  fc.string().map((S) => ({ S: `"\\\n\u0000${S}\u2028` })),
  fc.integer().map((n) => ({ N: String(n) })),
  fc.base64String().map((B) => ({ B })),
);

describe('key text', () => {
  it('is JSON.stringify of the value and of the key tuple', () => {
    fc.assert(
      fc.property(keyValue, fc.option(keyValue, { nil: undefined }), (hash, range) => {
        expect(keyValueText(hash)).toBe(JSON.stringify(hash));
        const item: Record<string, WireAttributeValue> = range ? { h: hash, r: range } : { h: hash };
        expect(keyId(item, { hash: { name: 'h', type: 'S' }, range: { name: 'r', type: 'S' } })).toBe(JSON.stringify([hash, range]));
        expect(keyId(item, { hash: { name: 'h', type: 'S' } })).toBe(JSON.stringify([hash]));
      }),
      { numRuns: 1000 },
    );
  });

  it('falls back to JSON.stringify for other shapes', () => {
    expect(keyValueText({ BOOL: true })).toBe('{"BOOL":true}');
    expect(keyValueText({ S: 'a', N: '1' } as never)).toBe('{"S":"a","N":"1"}');
    expect(keyValueText(undefined)).toBe(JSON.stringify(undefined));
  });
});
