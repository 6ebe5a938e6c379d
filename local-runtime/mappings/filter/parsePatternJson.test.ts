import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FilterError } from './FilterError';
import { parsePatternJson } from './parsePatternJson';

describe('parsePatternJson', () => {
  it('parses what JSON.parse parses, to the same value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const text = JSON.stringify(value);
      expect(parsePatternJson(text)).toEqual(JSON.parse(text));
    }));
  });

  it('merges the object values of a repeated key (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html)', () => {
    const text = '{ "dynamodb": { "NewImage": { "a": { "S": ["x"] } } }, "dynamodb": { "OldImage": { "a": { "S": ["y"] } } } }';
    expect(parsePatternJson(text)).toEqual({ dynamodb: { NewImage: { a: { S: ['x'] } }, OldImage: { a: { S: ['y'] } } } });
  });

  it('keeps the last value of a repeated key whose values are not both objects', () => {
    expect(parsePatternJson('{"a":["x"],"a":["y"]}')).toEqual({ a: ['y'] });
  });

  it.each(['', '{', '{"a":}', '{"a":[1,]}', '[1 2]', '{"a":1}}', "{'a':1}", '{"a":01}'])('rejects %j', (text) => {
    expect(() => parsePatternJson(text)).toThrow(FilterError);
  });
});
