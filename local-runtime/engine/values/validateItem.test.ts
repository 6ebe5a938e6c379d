import { describe, expect, it } from 'vitest';
import { validateAttributeValue, validateItem } from './validateItem';

describe('validateItem', () => {
  it('normalises nested numbers and number sets', () => {
    expect(validateItem({ a: { M: { n: { N: '2.0' } } }, s: { NS: ['1.0', '2'] } })).toEqual({ a: { M: { n: { N: '2' } } }, s: { NS: ['1', '2'] } });
  });

  it('rejects empty or ambiguous attribute values', () => {
    expect(() => validateAttributeValue({})).toThrow('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
    expect(() => validateAttributeValue({ S: 'a', N: '1' })).toThrow('Supplied AttributeValue has more than one datatypes set');
  });

  it('rejects empty sets and duplicate set members', () => {
    expect(() => validateAttributeValue({ SS: [] })).toThrow('One or more parameter values were invalid: An string set  may not be empty');
    expect(() => validateAttributeValue({ NS: ['1', '1.0'] })).toThrow('contains duplicates');
  });
});
