import { describe, expect, it } from 'vitest';
import { addNumbers, normalizeNumber } from './numbers';

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number
describe('normalizeNumber', () => {
  it('trims leading and trailing zeros and expands exponents', () => {
    expect(normalizeNumber('1.50')).toBe('1.5');
    expect(normalizeNumber('007')).toBe('7');
    expect(normalizeNumber('1e2')).toBe('100');
    expect(normalizeNumber('-0.0')).toBe('0');
    expect(normalizeNumber('1.5E-3')).toBe('0.0015');
  });

  it('keeps 38 significant digits exactly and rejects 39', () => {
    expect(normalizeNumber('12345678901234567890123456789012345678')).toBe('12345678901234567890123456789012345678');
    expect(() => normalizeNumber('123456789012345678901234567890123456789')).toThrow('Attempting to store more than 38 significant digits in a Number');
  });

  it('rejects magnitudes outside 1E-130 … 9.99E+125 and text that is not a number', () => {
    expect(() => normalizeNumber('1e126')).toThrow('Number overflow');
    expect(() => normalizeNumber('1e-131')).toThrow('Number underflow');
    expect(() => normalizeNumber('abc')).toThrow('A value provided cannot be converted into a number');
  });

  it('adds exactly', () => {
    expect(addNumbers('0.1', '0.2')).toBe('0.3');
    expect(addNumbers('10', '2.5', true)).toBe('7.5');
  });
});
