import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resultJson } from './resultJson';

// Replies are written member by member, with items and keys written by hand (engine/values/jsonText). The text
// must be exactly JSON.stringify's, for well-formed attribute values and for anything else a result might hold.

/** Strings with characters JSON escapes (quotes, backslashes, controls, lone surrogates) and ones it does not. */
const text = fc.array(fc.constantFrom('a', 'Z', '0', ' ', '"', '\\', '\n', '\u0000', '\u001f', '\u00e9', '\u2028', '\ud83d', '\ude00', '\u{1f600}', '/'), { maxLength: 6 }).map((parts) => parts.join(''));
/** Attribute names, including ones that look like array indexes (JSON.stringify writes those first) and `__proto__`. */
const name = fc.oneof(text, fc.constantFrom('__proto__', 'constructor', '10', '2', '01', 'toJSON'));

const { map } = fc.letrec<{ value: unknown; map: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.record({ S: text }),
    fc.record({ N: fc.constantFrom('1', '-0.5', '12345678901234567890') }),
    fc.record({ B: fc.base64String() }),
    fc.record({ BOOL: fc.boolean() }),
    fc.constant({ NULL: true }),
    fc.record({ SS: fc.array(text, { maxLength: 3 }) }),
    fc.record({ NS: fc.array(fc.constantFrom('1', '2.5'), { maxLength: 3 }) }),
    fc.record({ L: fc.array(tie('value'), { maxLength: 3 }) }),
    fc.record({ M: tie('map') }),
    // Not well formed: JSON.stringify must still be what is written.
    fc.constantFrom({ S: 1 }, { S: 'a', N: '1' }, { X: 'y' }, {}, null, 'plain', 5, [], { SS: [1] }, { L: 'x' }, { M: [] }, { BOOL: 'true' }, { S: undefined }),
  ),
  map: fc.array(fc.tuple(name, tie('value')), { maxLength: 4 }).map((entries) => {
    // Built as the wire builds objects: JSON.parse makes `__proto__` an own member.
    const body = entries.map(([key, v]) => `${JSON.stringify(key)}:${JSON.stringify(v) ?? 'null'}`).join(',');
    return JSON.parse(`{${body}}`) as unknown;
  }),
}));

const result = fc.record(
  {
    Attributes: map,
    Item: map,
    Items: fc.array(map, { maxLength: 3 }),
    LastEvaluatedKey: map,
    Count: fc.oneof(fc.nat(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0)),
    ConsumedCapacity: fc.constant({ TableName: 't', CapacityUnits: 0.5 }),
    Odd: fc.constantFrom(undefined, null, true, 'x', [1, undefined]),
  },
  { requiredKeys: [] },
);

describe('resultJson', () => {
  it('writes exactly what JSON.stringify writes', () => {
    fc.assert(
      fc.property(result, (payload) => {
        expect(resultJson(payload as Record<string, unknown>)).toBe(JSON.stringify(payload));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes a typical item reply', () => {
    const payload = { Attributes: { amount: { N: '12' }, tags: { SS: ['a"b'] }, doc: { M: { list: { L: [{ NULL: true }, { BOOL: false }] } } } } };
    expect(resultJson(payload)).toBe(JSON.stringify(payload));
    expect(resultJson({})).toBe('{}');
  });
});
