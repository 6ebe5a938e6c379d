import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExpressionAttributes } from './ExpressionAttributes';
import { ConditionEvaluator } from './evaluateCondition';
import { parseCondition } from './parseCondition';
import type { WireItem } from '../values/AttributeValue';

const parse = (source: string, names?: Record<string, string>, values?: Record<string, unknown>) =>
  parseCondition(source, 'ConditionExpression', new ExpressionAttributes(names, values));
const holds = (source: string, item: WireItem, values: Record<string, unknown> = {}, names?: Record<string, string>): boolean =>
  new ConditionEvaluator('ConditionExpression').evaluate(parseCondition(source, 'ConditionExpression', new ExpressionAttributes(names, Object.keys(values).length ? values : undefined)), item);

// Grammar and precedence: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
describe('parseCondition', () => {
  it('binds NOT tighter than AND, and AND tighter than OR', () => {
    const tree = parse('NOT a = :x AND b = :x OR c = :x', undefined, { ':x': { S: '1' } });
    expect(tree.type).toBe('or');
    const left = (tree as { left: { type: string; left: { type: string } } }).left;
    expect(left.type).toBe('and');
    expect(left.left.type).toBe('not');
  });

  it('parses document paths with nested maps, list indexes and name placeholders', () => {
    const tree = parse('#o.lineItems[2].sku = :s', { '#o': 'order' }, { ':s': { S: 'x' } });
    expect(tree).toMatchObject({
      type: 'compare',
      left: { type: 'path', elements: [{ kind: 'name', name: 'order' }, { kind: 'name', name: 'lineItems' }, { kind: 'index', index: 2 }, { kind: 'name', name: 'sku' }] },
    });
  });

  it('reports syntax errors with the token and its neighbourhood', () => {
    expect(() => parse('a = = :x', undefined, { ':x': { S: '1' } })).toThrow('Invalid ConditionExpression: Syntax error; token: "=", near: "= = :x"');
    expect(() => parse('a =', undefined, undefined)).toThrow('Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "="');
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ReservedWords.html
  it('rejects reserved words used as attribute names', () => {
    expect(() => parse('status = :s', undefined, { ':s': { S: 'x' } })).toThrow('Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status');
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeValues.html
  it('rejects undefined placeholders with AWS messages', () => {
    expect(() => parse('a = :missing', undefined, { ':x': { S: '1' } })).toThrow(
      'Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :missing',
    );
    expect(() => parse('#n = :x', undefined, { ':x': { S: '1' } })).toThrow(
      'Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #n',
    );
  });

  it('reports unused placeholders after parsing', () => {
    const attributes = new ExpressionAttributes({ '#a': 'a' }, { ':x': { S: '1' }, ':y': { S: '2' } });
    parseCondition('#a = :x', 'ConditionExpression', attributes);
    expect(() => attributes.assertAllUsed()).toThrow('Value provided in ExpressionAttributeValues unused in expressions: keys: {:y}');
  });

  it('checks function names and operand counts', () => {
    expect(() => parse('frobnicate(a)')).toThrow('Invalid ConditionExpression: Invalid function name; function: frobnicate');
    expect(() => parse('begins_with(a)')).toThrow('Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1');
  });
});

describe('ConditionEvaluator', () => {
  const item: WireItem = { n: { N: '10' }, s: { S: 'hello' }, tags: { SS: ['a', 'b'] }, list: { L: [{ S: 'x' }] }, m: { M: { deep: { BOOL: true } } } };

  it('compares numbers numerically, not as text', () => {
    expect(holds('n > :v', item, { ':v': { N: '9' } })).toBe(true);
    expect(holds('n < :v', item, { ':v': { N: '9' } })).toBe(false);
  });

  it('treats comparisons across types as false and missing attributes as not equal', () => {
    expect(holds('n = :v', item, { ':v': { S: '10' } })).toBe(false);
    expect(holds('absent <> :v', item, { ':v': { S: '1' } })).toBe(true);
    expect(holds('absent = :v', item, { ':v': { S: '1' } })).toBe(false);
  });

  it('evaluates functions: exists, type, begins_with, contains, size', () => {
    expect(holds('attribute_exists(m.deep) AND attribute_not_exists(m.nothing)', item)).toBe(true);
    expect(holds('attribute_type(tags, :t)', item, { ':t': { S: 'SS' } })).toBe(true);
    expect(holds('begins_with(s, :p)', item, { ':p': { S: 'he' } })).toBe(true);
    expect(holds('contains(tags, :e) AND contains(s, :sub) AND contains(#l, :x)', item, { ':e': { S: 'b' }, ':sub': { S: 'ell' }, ':x': { S: 'x' } }, { '#l': 'list' })).toBe(true);
    expect(holds('size(s) = :five', item, { ':five': { N: '5' } })).toBe(true);
  });

  it('evaluates BETWEEN and IN', () => {
    expect(holds('n BETWEEN :lo AND :hi', item, { ':lo': { N: '1' }, ':hi': { N: '10' } })).toBe(true);
    expect(holds('s IN (:a, :b)', item, { ':a': { S: 'x' }, ':b': { S: 'hello' } })).toBe(true);
  });

  it('rejects BETWEEN with bounds in the wrong order', () => {
    expect(() => holds('n BETWEEN :hi AND :lo', item, { ':lo': { N: '1' }, ':hi': { N: '5' } })).toThrow(
      'The BETWEEN operator requires upper bound to be greater than or equal to lower bound',
    );
  });

  it('rejects unknown attribute type names', () => {
    expect(() => holds('attribute_type(n, :t)', item, { ':t': { S: 'NUMBER' } })).toThrow('Invalid attribute type name found; type: NUMBER');
  });

  it('agrees with a reference evaluation on generated numeric comparisons (property)', () => {
    const comparators = { '=': (a: number, b: number) => a === b, '<>': (a: number, b: number) => a !== b, '<': (a: number, b: number) => a < b, '<=': (a: number, b: number) => a <= b, '>': (a: number, b: number) => a > b, '>=': (a: number, b: number) => a >= b };
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(...(Object.keys(comparators) as (keyof typeof comparators)[])), fc.boolean(), (a, b, op, negate) => {
        const source = `${negate ? 'NOT ' : ''}x ${op} :v`;
        const expected = comparators[op](a, b) !== negate;
        return holds(source, { x: { N: String(a) } }, { ':v': { N: String(b) } }) === expected;
      }),
    );
  });

  it('AND/OR/NOT agree with boolean logic for generated trees (property)', () => {
    type Tree = { kind: 'leaf'; value: boolean } | { kind: 'and' | 'or'; left: Tree; right: Tree } | { kind: 'not'; inner: Tree };
    const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.boolean().map((value) => ({ kind: 'leaf', value }) as Tree),
        fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), left: tie('tree'), right: tie('tree') }),
        fc.record({ kind: fc.constant('not' as const), inner: tie('tree') }),
      ),
    })).tree;
    const print = (t: Tree): string =>
      t.kind === 'leaf' ? `t = ${t.value ? ':yes' : ':no'}` : t.kind === 'not' ? `NOT (${print(t.inner)})` : `(${print(t.left)}) ${t.kind.toUpperCase()} (${print(t.right)})`;
    const reference = (t: Tree): boolean => (t.kind === 'leaf' ? t.value : t.kind === 'not' ? !reference(t.inner) : t.kind === 'and' ? reference(t.left) && reference(t.right) : reference(t.left) || reference(t.right));
    fc.assert(
      fc.property(tree, (t) => {
        const source = print(t);
        const values: Record<string, unknown> = {};
        if (source.includes(':yes')) values[':yes'] = { S: 'on' };
        if (source.includes(':no')) values[':no'] = { S: 'off' };
        return holds(source, { t: { S: 'on' } }, values) === reference(t);
      }),
    );
  });
});
