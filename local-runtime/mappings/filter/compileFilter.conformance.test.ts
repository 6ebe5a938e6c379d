import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileFilter } from './compileFilter';
import { FilterError } from './FilterError';

/**
 * EventBridge pattern cases checked against AWS (provenance: local-runtime/conformance/data/README.md).
 * Lambda filtering uses the same language with fewer operators
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html): cases using an
 * operator Lambda lacks must be rejected; the others must give AWS's answer.
 */
// Kept in the repository, so a fresh clone runs every case (a missing file fails the suite, never skips it).
const FILE = fileURLToPath(new URL('../../conformance/data/eventbridge-patterns.json', import.meta.url));

interface Case {
  name: string;
  expected: 'match' | 'no_match' | 'invalid';
  pattern?: Record<string, unknown>;
  event?: Record<string, unknown>;
  pattern_raw?: string;
  event_raw?: string;
}

/** True when the pattern uses an operator Lambda event filtering does not support. */
function usesNonLambdaOperator(pattern: unknown): boolean {
  const text = JSON.stringify(pattern);
  return /"(wildcard|cidr)"/.test(text)
    || /"anything-but":\{/.test(text)
    || /"(prefix|suffix)":\{/.test(text);
}

const cases = JSON.parse(readFileSync(FILE, 'utf8')) as Case[];

describe('compileFilter — EventBridge conformance cases (Lambda subset)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const pattern = c.pattern ?? (c.pattern_raw as string);
    const event = c.event ?? (JSON.parse(c.event_raw as string) as Record<string, unknown>);
    const expected = c.expected === 'invalid' || usesNonLambdaOperator(pattern) ? 'invalid' : c.expected;

    const actual = (() => {
      try {
        return compileFilter([pattern as Record<string, unknown>])(event) ? 'match' : 'no_match';
      } catch (error) {
        if (error instanceof FilterError) return 'invalid';
        throw error;
      }
    })();

    expect(actual).toBe(expected);
  });
});

describe('compileFilter — conformance coverage', () => {
  it('reads all 156 AWS-checked cases', () => {
    expect(cases).toHaveLength(156);
  });

  it('evaluates (does not reject) every case that uses only Lambda operators', () => {
    const lambdaCases = cases.filter((c) => c.expected !== 'invalid' && !usesNonLambdaOperator(c.pattern ?? c.pattern_raw));
    const rejectedForOperators = cases.filter((c) => c.expected !== 'invalid' && usesNonLambdaOperator(c.pattern ?? c.pattern_raw));

    // Guards against the heuristic above silently turning AWS-checked answers into "invalid".
    expect(lambdaCases.length).toBeGreaterThanOrEqual(67);
    expect(rejectedForOperators.length).toBeLessThanOrEqual(51);
  });
});
