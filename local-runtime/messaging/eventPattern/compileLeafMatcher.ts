import { BlockList, isIP } from 'node:net';
import { EventPatternError } from './EventPatternError';

/** A compiled matcher for one leaf value of an event (undefined when the field is absent). */
export type LeafMatcher = (value: unknown, present: boolean) => boolean;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Compiles one element of a pattern's value array: an exact value or an operator object. */
export function compileLeafMatcher(element: unknown): LeafMatcher {
  if (!isObject(element)) return exact(element);
  const keys = Object.keys(element);
  if (keys.length !== 1) throw new EventPatternError('Only one match type is allowed per pattern element');
  const key = keys[0] as string;
  const compile = OPERATORS[key];
  if (compile === undefined) throw new EventPatternError(`Unrecognized match type ${key}`);
  return compile(element[key]);
}

function exact(expected: unknown): LeafMatcher {
  if (typeof expected === 'number') return (v) => typeof v === 'number' && v === expected;
  return (v, present) => present && v === expected;
}

function stringOperand(op: string, value: unknown): string {
  if (typeof value !== 'string') throw new EventPatternError(`${op} match pattern must be a string`);
  return value;
}

/** prefix/suffix: a string, or `{ "equals-ignore-case": "…" }`. */
function affix(op: 'prefix' | 'suffix', test: (v: string, a: string) => boolean) {
  return (operand: unknown): LeafMatcher => {
    if (isObject(operand) && 'equals-ignore-case' in operand && Object.keys(operand).length === 1) {
      const a = stringOperand(op, operand['equals-ignore-case']).toLowerCase();
      return (v) => typeof v === 'string' && test(v.toLowerCase(), a);
    }
    const a = stringOperand(op, operand);
    return (v) => typeof v === 'string' && test(v, a);
  };
}

const prefix = affix('prefix', (v, a) => v.startsWith(a));
const suffix = affix('suffix', (v, a) => v.endsWith(a));

function equalsIgnoreCase(operand: unknown): LeafMatcher {
  const a = stringOperand('equals-ignore-case', operand).toLowerCase();
  return (v) => typeof v === 'string' && v.toLowerCase() === a;
}

function wildcard(operand: unknown): LeafMatcher {
  const text = stringOperand('wildcard', operand);
  const pos = text.search(/(?<!\\)\*\*/);
  if (pos !== -1) throw new EventPatternError(`Consecutive wildcard characters at pos ${pos + 1}`);
  if ((text.match(/(?<!\\)\*/g) ?? []).length > 4) {
    throw new EventPatternError('Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character');
  }
  let source = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && (text[i + 1] === '*' || text[i + 1] === '\\')) source += escape(text[++i] as string);
    else source += c === '*' ? '.*' : escape(c);
  }
  const re = new RegExp(`^${source}$`, 's');
  return (v) => typeof v === 'string' && re.test(v);
}

function escape(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function exists(operand: unknown): LeafMatcher {
  if (typeof operand !== 'boolean') throw new EventPatternError('exists match pattern must be either true or false.');
  return (_v, present) => present === operand;
}

const NUMERIC_OPS: Record<string, (a: number, b: number) => boolean> = {
  '=': (a, b) => a === b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

function numeric(operand: unknown): LeafMatcher {
  if (!Array.isArray(operand)) throw new EventPatternError('Value of numeric must be an array.');
  const tests: Array<(n: number) => boolean> = [];
  let lower = false;
  let upper = false;
  for (let i = 0; i < operand.length; i += 2) {
    const op = operand[i];
    const bound = operand[i + 1];
    const cmp = typeof op === 'string' ? NUMERIC_OPS[op] : undefined;
    if (cmp === undefined) throw new EventPatternError(`Unrecognized numeric range operator: ${String(op)}`);
    if (typeof bound !== 'number') throw new EventPatternError(`Value of ${String(op)} must be numeric`);
    const side = op === '=' ? 'eq' : op.startsWith('>') ? 'lower' : 'upper';
    if ((side === 'lower' && lower) || (side === 'upper' && upper) || (side === 'eq' && operand.length > 2)) {
      throw new EventPatternError(`Bad numeric range operator: ${op}`);
    }
    if (side === 'lower') lower = true;
    if (side === 'upper') upper = true;
    tests.push((n) => cmp(n, bound));
  }
  if (tests.length === 0) throw new EventPatternError('Empty numeric range');
  return (v) => typeof v === 'number' && tests.every((t) => t(v));
}

function cidr(operand: unknown): LeafMatcher {
  const text = stringOperand('prefix', operand);
  const parts = text.split('/');
  if (parts.length !== 2) throw new EventPatternError("Malformed CIDR, one '/' required");
  const [address = '', bits = ''] = parts;
  if (!/^\d+$/.test(bits)) throw new EventPatternError('Malformed CIDR, mask bits must be an integer');
  const family = isIP(address);
  if (family === 0) throw new EventPatternError(`Nonstandard IP address: ${address}`);
  const list = new BlockList();
  const type = family === 4 ? 'ipv4' : 'ipv6';
  list.addSubnet(address, Number(bits), type);
  return (v) => typeof v === 'string' && isIP(v) === family && list.check(v, type);
}

function anythingBut(operand: unknown): LeafMatcher {
  if (isObject(operand)) {
    const keys = Object.keys(operand);
    const key = keys[0] as string;
    if (keys.length !== 1 || !['prefix', 'suffix', 'equals-ignore-case', 'wildcard'].includes(key)) {
      throw new EventPatternError('Value of anything-but must be an array or single string/number value.');
    }
    const inner = operand[key];
    if ((key === 'prefix' || key === 'suffix') && inner === '') throw new EventPatternError('Null prefix/suffix not allowed');
    const values = Array.isArray(inner) ? inner : [inner];
    if (isObject(inner)) throw new EventPatternError('Value of anything-but must be an array or single string/number value.');
    const label = key === 'prefix' || key === 'suffix' ? 'prefix/suffix' : key;
    if (key === 'equals-ignore-case' && values.some((v) => typeof v !== 'string')) {
      throw new EventPatternError('Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.');
    }
    if (values.some((v) => typeof v !== 'string')) throw new EventPatternError(`${label} match pattern must be a string`);
    const compile = OPERATORS[key] as (o: unknown) => LeafMatcher;
    const matchers = values.map((v) => compile(v));
    return (v, present) => present && !(typeof v === 'string' && matchers.some((m) => m(v, true)));
  }
  if (operand === null || typeof operand === 'boolean') {
    throw new EventPatternError('Value of anything-but must be an array or single string/number value.');
  }
  const values = Array.isArray(operand) ? operand : [operand];
  if (values.some((v) => typeof v !== 'string' && typeof v !== 'number')) {
    throw new EventPatternError('Inside anything but list, start|null|boolean is not supported.');
  }
  return (v, present) => present && !values.includes(v);
}

const OPERATORS: Record<string, (operand: unknown) => LeafMatcher> = {
  prefix,
  suffix,
  'equals-ignore-case': equalsIgnoreCase,
  wildcard,
  exists,
  numeric,
  cidr,
  'anything-but': anythingBut,
};
