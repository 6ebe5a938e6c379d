import { FilterError } from './FilterError';

/** Tests one leaf value of the record (string, number, boolean or null). */
export type LeafTest = (value: unknown) => boolean;

/** A compiled entry of a leaf array: a value test, or an existence check on the field. */
export type ValueMatcher = { kind: 'value'; test: LeafTest } | { kind: 'exists'; exists: boolean };

type Scalar = string | number | boolean | null;

const fail = (path: string, reason: string): never => {
  throw new FilterError(reason, { path });
};

function requireString(value: unknown, path: string, operator: string): string {
  return typeof value === 'string' ? value : fail(path, `${operator} match pattern must be a string`);
}

const equalsScalar = (expected: Scalar): LeafTest =>
  typeof expected === 'number'
    ? (value) => typeof value === 'number' && value === expected
    : (value) => value === expected;

const NUMERIC_OPS: Record<string, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '=': (a, b) => a === b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};
const LOWER = new Set(['>', '>=']);
const UPPER = new Set(['<', '<=']);

function compileNumeric(spec: unknown, path: string): LeafTest {
  if (!Array.isArray(spec)) return fail(path, 'Value of numeric must be an array.');
  if (spec.length !== 2 && spec.length !== 4) return fail(path, 'numeric must hold one or two "operator, number" pairs');
  const checks: Array<(n: number) => boolean> = [];
  for (let i = 0; i < spec.length; i += 2) {
    const op = spec[i];
    const bound = spec[i + 1];
    const compare = typeof op === 'string' ? NUMERIC_OPS[op] : undefined;
    if (compare === undefined) return fail(path, `Unrecognized numeric range operator: ${String(op)}`);
    if (typeof bound !== 'number' || !Number.isFinite(bound)) return fail(path, `Value of ${op} must be numeric`);
    if (i === 2) {
      const first = spec[0] as string;
      if (!(LOWER.has(first) && UPPER.has(op as string))) return fail(path, `Bad numeric range operator: ${op as string}`);
    }
    checks.push((n) => compare(n, bound));
  }
  return (value) => typeof value === 'number' && checks.every((check) => check(value));
}

function compileAnythingBut(spec: unknown, path: string): LeafTest {
  const values = Array.isArray(spec) ? spec : [spec];
  if (typeof spec === 'object' && spec !== null && !Array.isArray(spec)) {
    return fail(path, 'anything-but with a nested operator (prefix, suffix, equals-ignore-case, wildcard) is not supported by Lambda event filtering; use a list of strings or numbers');
  }
  if (values.length === 0) return fail(path, 'Empty arrays are not allowed');
  if (values.some((v) => typeof v !== 'string' && typeof v !== 'number')) {
    return fail(path, 'Value of anything-but must be a string, a number, or a list of strings or numbers');
  }
  const tests = (values as Array<string | number>).map(equalsScalar);
  return (value) => !tests.some((test) => test(value));
}

/** Operators of the Lambda filter language: name → compiler of its argument. */
const OPERATORS: Record<string, (spec: unknown, path: string) => ValueMatcher> = {
  prefix: (spec, path) => {
    const prefix = requireString(spec, path, 'prefix');
    return { kind: 'value', test: (v) => typeof v === 'string' && v.startsWith(prefix) };
  },
  suffix: (spec, path) => {
    const suffix = requireString(spec, path, 'suffix');
    return { kind: 'value', test: (v) => typeof v === 'string' && v.endsWith(suffix) };
  },
  'equals-ignore-case': (spec, path) => {
    const expected = requireString(spec, path, 'equals-ignore-case').toLowerCase();
    return { kind: 'value', test: (v) => typeof v === 'string' && v.toLowerCase() === expected };
  },
  'anything-but': (spec, path) => ({ kind: 'value', test: compileAnythingBut(spec, path) }),
  numeric: (spec, path) => ({ kind: 'value', test: compileNumeric(spec, path) }),
  exists: (spec, path) =>
    typeof spec === 'boolean' ? { kind: 'exists', exists: spec } : fail(path, 'exists match pattern must be either true or false.'),
};

/** Compiles one entry of a leaf array: a scalar to compare, or a one-key operator object. */
export function compileValueMatcher(entry: unknown, path: string): ValueMatcher {
  if (entry === null || typeof entry === 'string' || typeof entry === 'number' || typeof entry === 'boolean') {
    return { kind: 'value', test: equalsScalar(entry) };
  }
  if (Array.isArray(entry) || typeof entry !== 'object') return fail(path, `unsupported value ${JSON.stringify(entry)}`);
  const keys = Object.keys(entry);
  const [name] = keys;
  if (keys.length !== 1 || name === undefined) return fail(path, 'an operator object must have exactly one key');
  const compile = Object.hasOwn(OPERATORS, name) ? OPERATORS[name] : undefined;
  if (compile === undefined) return fail(path, `Unrecognized match type ${name}`);
  return compile((entry as Record<string, unknown>)[name], path);
}
