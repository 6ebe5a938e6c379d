import { describe, expect, it } from 'vitest';
import { compareScalars, valuesEqual } from './compareValues';

// Sort key ordering: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.CoreComponents.html
describe('compareScalars', () => {
  it('orders numbers numerically, strings by UTF-8 bytes and binary bytewise', () => {
    expect(compareScalars({ N: '9' }, { N: '10' })).toBe(-1);
    expect(compareScalars({ S: 'Z' }, { S: 'a' })).toBe(-1);
    // U+FF5E (3 UTF-8 bytes, EF BD 9E) sorts before U+1F600 (4 bytes, F0 …) although its UTF-16 unit is larger.
    expect(compareScalars({ S: '\uff5e' }, { S: '\u{1f600}' })).toBe(-1);
    expect(compareScalars({ B: Buffer.from([1, 2]).toString('base64') }, { B: Buffer.from([1, 3]).toString('base64') })).toBe(-1);
    expect(compareScalars({ S: '1' }, { N: '1' })).toBeUndefined();
  });
});

describe('valuesEqual', () => {
  it('compares sets without regard to order and maps deeply', () => {
    expect(valuesEqual({ SS: ['a', 'b'] }, { SS: ['b', 'a'] })).toBe(true);
    expect(valuesEqual({ M: { a: { L: [{ N: '1' }] } } }, { M: { a: { L: [{ N: '1' }] } } })).toBe(true);
    expect(valuesEqual({ M: { a: { N: '1' } } }, { M: { a: { N: '2' } } })).toBe(false);
  });
});
