import { describe, expect, it } from 'vitest';
import { defineAttribute, getAttribute, ownValue, setAttribute } from './attributeAccess';
import type { WireAttributeValue, WireItem } from './AttributeValue';

// Any name is a valid attribute name, Object.prototype's members included
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html).
describe.each(['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'])('attribute %s', (name) => {
  const read = (item: WireItem): WireAttributeValue | undefined => ownValue(item, name, item[name]);

  it('is read from own members only', () => {
    const item = JSON.parse(`{${JSON.stringify(name)}:{"S":"x"}}`) as WireItem;
    expect(getAttribute({}, name)).toBeUndefined();
    expect(read({})).toBeUndefined();
    expect(getAttribute(item, name)).toEqual({ S: 'x' });
    expect(read(item)).toEqual({ S: 'x' });
  });

  it('is written as an own, enumerable data member of a plain object', () => {
    for (const write of [setAttribute, defineAttribute]) {
      const item: WireItem = { a: { S: 'a' } };
      write(item, name, { N: '1' });
      expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
      expect(Object.keys(item)).toEqual(['a', name]);
      expect(JSON.stringify(item)).toBe(`{"a":{"S":"a"},${JSON.stringify(name)}:{"N":"1"}}`);
      write(item, name, { N: '2' });
      expect(read(item)).toEqual({ N: '2' });
    }
  });
});
