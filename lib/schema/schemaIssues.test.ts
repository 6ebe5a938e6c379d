import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { schemaIssues } from './schemaIssues';

const issuesOf = (schema: v.GenericSchema, input: unknown) => {
  const result = v.safeParse(schema, input);
  return result.success ? [] : schemaIssues(result.issues);
};

describe('schemaIssues', () => {
  const line = v.strictObject({ sku: v.string(), quantity: v.pipe(v.number(), v.minValue(1)) });

  it('gives each issue its path of keys and array indexes and the schema message', () => {
    const [issue] = issuesOf(v.object({ lines: v.array(line) }), { lines: [{ sku: 'a', quantity: 0 }] });
    expect(issue).toEqual({ path: ['lines', 0, 'quantity'], message: expect.stringContaining('>=1') });
  });

  it('names an undeclared key of a strict object as an unknown field and an absent key as missing', () => {
    expect(issuesOf(line, { sku: 'a', quantity: 1, extra: true })).toEqual([{ path: ['extra'], message: 'Unknown field' }]);
    expect(issuesOf(line, { quantity: 1 })).toEqual([{ path: ['sku'], message: 'Missing field' }]);
  });

  it('gives an issue at the root an empty path', () => {
    expect(issuesOf(line, 'not an object')).toEqual([{ path: [], message: expect.any(String) }]);
  });
});
