import { compileValueMatcher, type ValueMatcher } from './compileValueMatcher';
import { FilterError } from './FilterError';

/** A compiled pattern (or sub-pattern): a pure predicate over the whole record. */
export type RecordPredicate = (record: unknown) => boolean;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Compiles one pattern object. Keys are field names (a dotted key is a nested path, as in
 * EventBridge), values are either nested patterns or non-empty arrays of value matchers;
 * `$or` holds alternative sub-patterns. All keys must match (AND).
 */
export function compilePattern(pattern: unknown, basePath: readonly string[] = []): RecordPredicate {
  const where = basePath.join('.');
  if (!isPlainObject(pattern)) throw new FilterError('a filter pattern must be a JSON object', { path: where });
  const parts: RecordPredicate[] = Object.entries(pattern).map(([key, value]) => {
    if (key === '$or') return compileOr(value, basePath);
    const path = [...basePath, ...key.split('.')];
    if (Array.isArray(value)) return compileLeaf(value, path);
    if (isPlainObject(value)) return compilePattern(value, path);
    throw new FilterError(`"${key}" must be an object or an array`, { path: path.join('.') });
  });
  return (record) => parts.every((part) => part(record));
}

function compileOr(value: unknown, basePath: readonly string[]): RecordPredicate {
  if (!Array.isArray(value) || value.length < 2) {
    throw new FilterError('$or must be an array of at least two pattern objects', { path: [...basePath, '$or'].join('.') });
  }
  const alternatives = value.map((alternative) => compilePattern(alternative, basePath));
  return (record) => alternatives.some((alternative) => alternative(record));
}

function compileLeaf(values: unknown[], path: string[]): RecordPredicate {
  const where = path.join('.');
  if (values.length === 0) throw new FilterError('Empty arrays are not allowed', { path: where });
  const matchers = values.map((entry) => compileValueMatcher(entry, where));
  return (record) => {
    const leaves = collectLeaves(record, path, 0);
    return matchers.some((matcher) => matches(matcher, leaves));
  };
}

function matches(matcher: ValueMatcher, leaves: unknown[]): boolean {
  return matcher.kind === 'exists' ? (leaves.length > 0) === matcher.exists : leaves.some(matcher.test);
}

/**
 * Scalar values at `path`, descending into arrays at every level (any element may match).
 * A dotted key in the record (`"state.status"`) is the same path as nested keys, as in EventBridge.
 * Hot path (runs per record): direct property lookups, one accumulator, no intermediate arrays.
 */
function collectLeaves(value: unknown, path: readonly string[], depth: number, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) {
    for (const element of value) collectLeaves(element, path, depth, out);
    return out;
  }
  if (depth === path.length) {
    if (!isPlainObject(value)) out.push(value);
    return out;
  }
  if (typeof value !== 'object' || value === null) return out;
  const object = value as Record<string, unknown>;
  const segment = path[depth]!;
  if (Object.hasOwn(object, segment)) collectLeaves(object[segment], path, depth + 1, out);
  for (const key in object) {
    if (key.length <= segment.length || key.charCodeAt(segment.length) !== 46 || !key.startsWith(segment)) continue;
    const segments = key.split('.');
    if (segments.every((part, i) => path[depth + i] === part)) collectLeaves(object[key], path, depth + segments.length, out);
  }
  return out;
}
