import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileEventPattern } from './compileEventPattern';
import { EventPatternError } from './EventPatternError';

interface Case {
  name: string;
  expected: 'match' | 'no_match' | 'invalid';
  pattern?: unknown;
  event?: unknown;
  pattern_raw?: string;
  event_raw?: string;
  awsError?: { message?: string };
}

// Kept in the repository (provenance: local-runtime/conformance/data/README.md).
const file = fileURLToPath(new URL('../../conformance/data/eventbridge-patterns.json', import.meta.url));
const cases = JSON.parse(readFileSync(file, 'utf8')) as Case[];

/**
 * The 156 AWS-checked cases (events:TestEventPattern) of the EventBridge pattern language
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html).
 */
describe('EventBridge pattern conformance', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const pattern = c.pattern_raw ?? c.pattern;
    const event = c.event_raw === undefined ? c.event : JSON.parse(c.event_raw);
    if (c.expected === 'invalid') {
      expect(() => compileEventPattern(pattern)).toThrow(EventPatternError);
      return;
    }
    expect(compileEventPattern(pattern)(event)).toBe(c.expected === 'match');
  });
});
