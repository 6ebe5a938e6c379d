import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileEventPattern } from './compileEventPattern';

const key = fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/);
const leaf = fc.oneof(fc.string({ maxLength: 12 }), fc.integer({ min: -1e6, max: 1e6 }));
const event = fc.dictionary(key, fc.oneof(leaf, fc.dictionary(key, leaf, { minKeys: 1, maxKeys: 3 })), { minKeys: 1, maxKeys: 5 });

/** A pattern that names every leaf of `value` with its own value. */
function selfPattern(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'object' && v !== null ? selfPattern(v as Record<string, unknown>) : [v]]));
}

// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
describe('compileEventPattern properties', () => {
  it('a pattern built from an event\'s own values matches it', () => {
    fc.assert(fc.property(event, (e) => compileEventPattern(selfPattern(e))(e)));
  });

  it('anything-but an event\'s own value never matches it', () => {
    fc.assert(fc.property(key, leaf, (k, v) => !compileEventPattern({ [k]: [{ 'anything-but': v }] })({ [k]: v })));
  });

  it('exists:false and exists:true disagree on every field', () => {
    fc.assert(fc.property(event, key, (e, k) => {
      const present = compileEventPattern({ [k]: [{ exists: true }] })(e);
      const absent = compileEventPattern({ [k]: [{ exists: false }] })(e);
      expect(present).not.toBe(absent);
    }));
  });
});
