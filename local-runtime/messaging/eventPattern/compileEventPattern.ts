import { compileLeafMatcher, type LeafMatcher } from './compileLeafMatcher';
import { EventPatternError } from './EventPatternError';
import { flattenEvent, type FlatEvent } from './flattenEvent';

/** A compiled EventBridge event pattern. */
export type EventPredicate = (event: unknown) => boolean;

type Json = Record<string, unknown>;
type FlatCheck = (event: FlatEvent) => boolean;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Compiles an EventBridge event pattern once into a predicate
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html and
 * eb-create-pattern-operators.html): exact values, prefix, suffix, equals-ignore-case,
 * anything-but, numeric, exists, cidr, wildcard, `$or`, nested objects. Both the pattern and the
 * event are compared as dotted leaf paths (so `{"a.b": …}` and `{"a": {"b": …}}` agree, as on
 * AWS); an array in the event matches when any element matches.
 *
 * @example
 * const matches = compileEventPattern({ source: ['orders'], detail: { total: [{ numeric: ['>', 100] }] } });
 * @throws EventPatternError (InvalidEventPatternException) for an invalid pattern.
 */
export function compileEventPattern(pattern: unknown): EventPredicate {
  const source = typeof pattern === 'string' ? parse(pattern) : pattern;
  if (!isObject(source)) throw new EventPatternError('Filter is not an object');
  const check = compileObject(source, '');
  return (event) => check(flattenEvent(event));
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new EventPatternError(`Filter is not valid JSON: ${(error as Error).message}`);
  }
}

function compileObject(pattern: Json, prefix: string): FlatCheck {
  const checks: FlatCheck[] = [];
  for (const [key, spec] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!Array.isArray(spec) || spec.length < 2 || !spec.every(isObject)) {
        throw new EventPatternError('Value of $or must be an array of at least two objects');
      }
      const branches = spec.map((branch) => compileObject(branch as Json, prefix));
      checks.push((event) => branches.some((b) => b(event)));
      continue;
    }
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (Array.isArray(spec)) {
      if (spec.length === 0) throw new EventPatternError('Empty arrays are not allowed');
      const matchers = spec.map(compileLeafMatcher);
      checks.push((event) => matchLeaf(matchers, event.get(path)));
    } else if (isObject(spec)) {
      checks.push(compileObject(spec, path));
    } else {
      throw new EventPatternError(`"${key}" must be an object or an array`);
    }
  }
  return (event) => checks.every((check) => check(event));
}

function matchLeaf(matchers: LeafMatcher[], values: unknown[] | undefined): boolean {
  if (values === undefined) return matchers.some((m) => m(undefined, false));
  return values.some((v) => matchers.some((m) => m(v, true)));
}
