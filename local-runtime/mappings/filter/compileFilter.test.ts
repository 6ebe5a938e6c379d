import { describe, expect, it } from 'vitest';
import { compileFilter } from './compileFilter';
import { FilterError } from './FilterError';

// Lambda event filtering: https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
// DynamoDB records: https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html
const insert = {
  eventName: 'INSERT',
  eventSource: 'aws:dynamodb',
  dynamodb: {
    Keys: { pk: { S: 'ORDER#1' } },
    NewImage: {
      pk: { S: 'ORDER#1' },
      status: { S: 'PAID' },
      total: { N: '42.5' },
      tags: { SS: ['gift', 'express'] },
      note: { S: '' },
    },
  },
};
const numericRecord = { amount: 42.5, count: 3, nothing: null, empty: '', flags: [1, 2, 3], state: 'Running' };

function matches(pattern: Record<string, unknown>, record: object = insert): boolean {
  return compileFilter([pattern])(record);
}

describe('compileFilter — matching', () => {
  it('matches exact string values in DynamoDB JSON', () => {
    expect(matches({ eventName: ['INSERT'], dynamodb: { NewImage: { status: { S: ['PAID'] } } } })).toBe(true);
    expect(matches({ eventName: ['MODIFY'] })).toBe(false);
    expect(matches({ dynamodb: { NewImage: { status: { S: ['paid'] } } } })).toBe(false);
  });

  it('compares numbers numerically and never against strings', () => {
    expect(matches({ amount: [42.50] }, numericRecord)).toBe(true);
    expect(matches({ amount: ['42.5'] }, numericRecord)).toBe(false);
    expect(matches({ dynamodb: { NewImage: { total: { N: [42.5] } } } })).toBe(false);
  });

  it('matches null and the empty string', () => {
    expect(matches({ nothing: [null] }, numericRecord)).toBe(true);
    expect(matches({ empty: [null] }, numericRecord)).toBe(false);
    expect(matches({ empty: [''] }, numericRecord)).toBe(true);
    expect(matches({ dynamodb: { NewImage: { note: { S: [''] } } } })).toBe(true);
  });

  it('supports prefix, suffix and equals-ignore-case', () => {
    expect(matches({ dynamodb: { Keys: { pk: { S: [{ prefix: 'ORDER#' }] } } } })).toBe(true);
    expect(matches({ dynamodb: { Keys: { pk: { S: [{ prefix: 'USER#' }] } } } })).toBe(false);
    expect(matches({ dynamodb: { Keys: { pk: { S: [{ suffix: '#1' }] } } } })).toBe(true);
    expect(matches({ state: [{ 'equals-ignore-case': 'RUNNING' }] }, numericRecord)).toBe(true);
    expect(matches({ state: [{ 'equals-ignore-case': 'stopped' }] }, numericRecord)).toBe(false);
  });

  it('supports anything-but, which never matches a missing field', () => {
    expect(matches({ dynamodb: { NewImage: { status: { S: [{ 'anything-but': ['CANCELLED', 'REFUNDED'] }] } } } })).toBe(true);
    expect(matches({ dynamodb: { NewImage: { status: { S: [{ 'anything-but': ['PAID'] }] } } } })).toBe(false);
    expect(matches({ count: [{ 'anything-but': 3 }] }, numericRecord)).toBe(false);
    expect(matches({ missing: [{ 'anything-but': ['x'] }] }, numericRecord)).toBe(false);
  });

  it('supports numeric ranges', () => {
    expect(matches({ count: [{ numeric: ['>', 0, '<=', 5] }] }, numericRecord)).toBe(true);
    expect(matches({ count: [{ numeric: ['>', 3] }] }, numericRecord)).toBe(false);
    expect(matches({ amount: [{ numeric: ['=', 42.5] }] }, numericRecord)).toBe(true);
    expect(matches({ state: [{ numeric: ['>', 0] }] }, numericRecord)).toBe(false);
  });

  it('supports exists true and false', () => {
    expect(matches({ dynamodb: { NewImage: { status: { S: [{ exists: true }] } } } })).toBe(true);
    expect(matches({ dynamodb: { OldImage: { status: { S: [{ exists: true }] } } } })).toBe(false);
    expect(matches({ dynamodb: { OldImage: { status: { S: [{ exists: false }] } } } })).toBe(true);
    expect(matches({ dynamodb: { NewImage: { status: [{ exists: true }] } } })).toBe(false);
  });

  it('matches an array field when any element matches', () => {
    expect(matches({ dynamodb: { NewImage: { tags: { SS: ['express'] } } } })).toBe(true);
    expect(matches({ flags: [{ numeric: ['>', 2] }] }, numericRecord)).toBe(true);
    expect(matches({ flags: [7] }, numericRecord)).toBe(false);
  });

  it('supports $or and ORs the patterns of a list', () => {
    const or = { $or: [{ eventName: ['REMOVE'] }, { dynamodb: { NewImage: { status: { S: ['PAID'] } } } }] };
    expect(matches(or)).toBe(true);
    expect(compileFilter([{ eventName: ['REMOVE'] }, { eventName: ['INSERT'] }])(insert)).toBe(true);
    expect(compileFilter([{ eventName: ['REMOVE'] }, { eventName: ['MODIFY'] }])(insert)).toBe(false);
  });

  it('accepts patterns as JSON strings (FilterCriteria.Filters[].Pattern) and an empty list as match-all', () => {
    expect(compileFilter(['{"eventName":["INSERT"]}'])(insert)).toBe(true);
    expect(compileFilter([])(insert)).toBe(true);
  });
});

describe('compileFilter — DynamoDB records (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html)', () => {
  const record = {
    eventName: 'MODIFY',
    dynamodb: {
      Keys: { UserID: { S: '12345' } },
      NewImage: { AccountManager: { S: 'Pat Candella' }, Quantity: { N: '10' }, Organizations: { L: [{ S: 'Sales' }, { S: 'Support' }] } },
      OldImage: { AccountManager: { S: 'Terry Whitlock' } },
    },
  };

  it('ANDs repeated "dynamodb" keys of a pattern string, as the Boolean-expression example does', () => {
    const both = '{ "dynamodb" : { "NewImage" : { "AccountManager" : { "S" : [ "Pat Candella" ] } } } , "dynamodb" : { "OldImage" : { "AccountManager" : { "S" : [ "Terry Whitlock" ] } } } }';
    const wrongOld = both.replace('Terry Whitlock', 'Someone Else');
    expect(compileFilter([both])(record)).toBe(true);
    expect(compileFilter([wrongOld])(record)).toBe(false);
  });

  it('exists works on leaf nodes only: on the list, never; on its elements, yes', () => {
    expect(compileFilter([{ dynamodb: { NewImage: { Organizations: [{ exists: true }] } } }])(record)).toBe(false);
    expect(compileFilter([{ dynamodb: { NewImage: { Organizations: { L: { S: [{ exists: true }] } } } } }])(record)).toBe(true);
  });

  it('numeric operators never match DynamoDB numbers, which are strings in the record', () => {
    expect(compileFilter([{ dynamodb: { NewImage: { Quantity: { N: [{ numeric: ['=', 10] }] } } } }])(record)).toBe(false);
    expect(compileFilter([{ dynamodb: { NewImage: { Quantity: { N: ['10'] } } } }])(record)).toBe(true);
  });
});

describe('compileFilter — invalid patterns throw InvalidParameterValueException', () => {
  const invalid: Array<[string, Array<string | Record<string, unknown>>, RegExp]> = [
    ['a non-object pattern', ['["INSERT"]'], /must be a JSON object/],
    ['a scalar field value', [{ eventName: 'INSERT' }], /"eventName" must be an object or an array/],
    ['an empty value array', [{ eventName: [] }], /Empty arrays are not allowed/],
    ['an unknown operator', [{ eventName: [{ wildcard: 'IN*' }] }], /Unrecognized match type wildcard/],
    ['an operator in upper case', [{ eventName: [{ EXISTS: true }] }], /Unrecognized match type EXISTS/],
    ['a non-string prefix', [{ eventName: [{ prefix: 1 }] }], /prefix match pattern must be a string/],
    ['a bad numeric range', [{ n: [{ numeric: ['>', 0, '>', 1] }] }], /Bad numeric range operator/],
    ['a numeric without number', [{ n: [{ numeric: ['>', 'x'] }] }], /Value of > must be numeric/],
    ['anything-but with null', [{ n: [{ 'anything-but': [null] }] }], /anything-but/],
    ['malformed JSON', ['{"eventName": ['], /not valid JSON/],
    ['six patterns', Array.from({ length: 6 }, () => ({ eventName: ['INSERT'] })), /at most 5/],
    // Filter.Pattern is at most 4096 characters: https://docs.aws.amazon.com/lambda/latest/api/API_Filter.html
    ['a pattern string over 4096 characters', [`{"eventName":["${'x'.repeat(4096)}"]}`], /at most 4096 characters/],
    ['a pattern object over 4096 characters once serialised', [{ eventName: ['x'.repeat(4090)] }], /at most 4096 characters/],
  ];

  it.each(invalid)('rejects %s', (_label, patterns, message) => {
    const error = (() => {
      try {
        compileFilter(patterns);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(FilterError);
    expect((error as FilterError).type).toBe('InvalidParameterValueException');
    expect((error as FilterError).awsMessage).toBe('Invalid filter pattern definition.');
    expect((error as FilterError).message).toMatch(message);
  });

  it('accepts a pattern of exactly 4096 characters (https://docs.aws.amazon.com/lambda/latest/api/API_Filter.html)', () => {
    const pattern = `{"eventName":["${'x'.repeat(4096 - 18)}"]}`;
    expect(pattern).toHaveLength(4096);
    expect(() => compileFilter([pattern])).not.toThrow();
  });

  it('accepts exactly 5 patterns (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html)', () => {
    expect(() => compileFilter(Array.from({ length: 5 }, () => ({ eventName: ['INSERT'] })))).not.toThrow();
  });

  it('says which pattern and which field is wrong', () => {
    expect(() => compileFilter([{ eventName: ['INSERT'] }, { dynamodb: { NewImage: { s: { S: [] } } } }])).toThrow(
      /pattern 2 at "dynamodb.NewImage.s.S"/,
    );
  });
});

describe('compileFilter — field and operator names that are Object.prototype members', () => {
  // A pattern may name any record field; an attribute may be called toString or __proto__.
  const record = { dynamodb: { NewImage: { toString: { S: 'yes' }, __proto__x: { S: 'no' } } } };

  it('matches a field named toString only when the record has it', () => {
    expect(compileFilter(['{"dynamodb":{"NewImage":{"toString":{"S":["yes"]}}}}'])(record)).toBe(true);
    expect(compileFilter(['{"dynamodb":{"NewImage":{"toString":{"S":["yes"]}}}}'])(insert)).toBe(false);
  });

  it('keeps a __proto__ field in a pattern text as a field (a record without it does not match)', () => {
    const withProto = JSON.parse('{"dynamodb":{"NewImage":{"__proto__":{"S":"p"}}}}') as object;
    expect(compileFilter(['{"dynamodb":{"NewImage":{"__proto__":{"S":["p"]}}}}'])(withProto)).toBe(true);
    expect(compileFilter(['{"dynamodb":{"NewImage":{"__proto__":{"S":["p"]}}}}'])(insert)).toBe(false);
  });

  it('rejects an operator named like a prototype member as unrecognized', () => {
    expect(() => compileFilter([{ state: [{ toString: 'x' }] }])).toThrow(/Unrecognized match type toString/);
  });
});
