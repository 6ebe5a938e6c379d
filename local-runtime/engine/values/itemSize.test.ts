import { describe, expect, it } from 'vitest';
import { itemSize } from './itemSize';

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
describe('itemSize', () => {
  it('counts names and values by the documented rules', () => {
    expect(itemSize({ id: { S: 'abc' } })).toBe(2 + 3);
    expect(itemSize({ n: { N: '12345' } })).toBe(1 + 3 + 1);
    expect(itemSize({ b: { BOOL: true }, z: { NULL: true } })).toBe(2 + 2);
    expect(itemSize({ m: { M: { k: { S: 'v' } } } })).toBe(1 + 3 + 1 + 1 + 1);
    expect(itemSize({ l: { L: [] } })).toBe(1 + 3);
    expect(itemSize({ s: { S: 'é' } })).toBe(1 + 2);
  });
});
