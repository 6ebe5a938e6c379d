import { beforeAll, describe, expect, it } from 'vitest';
import { ordersEngine } from '../testing/ordersEngine';
import type { Engine } from '../Engine';

/**
 * Expressions AWS rejects, rejected before any item is read (the table is empty and the key missing, so a check made
 * per item could not fire). Sources of AWS's texts: dynalite's tests, written against live DynamoDB
 * (https://github.com/mhart/dynalite/blob/master/test/scan.js, test/updateItem.js); ScyllaDB's alternator tests,
 * also checked against DynamoDB (https://github.com/scylladb/scylladb/blob/master/test/alternator/test_projection_expression.py);
 * the developer guide (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html).
 */
let engine: Engine;
beforeAll(async () => {
  engine = await ordersEngine();
});

const KEY = { PK: { S: 'missing' }, SK: { S: 'missing' } };
const placeholders = (expression: string, values: Record<string, unknown> = {}) => {
  const names = Object.fromEntries([...new Set(expression.match(/#[A-Za-z0-9_]+/g) ?? [])].map((n) => [n, n.slice(1)]));
  const used = Object.fromEntries(Object.entries(values).filter(([k]) => expression.includes(k)));
  return { ...(Object.keys(names).length > 0 && { ExpressionAttributeNames: names }), ...(Object.keys(used).length > 0 && { ExpressionAttributeValues: used }) };
};
const filter = (expression: string, values?: Record<string, unknown>) => engine.execute('Scan', { TableName: 'orders', FilterExpression: expression, ...placeholders(expression, values) });
const project = (expression: string) => engine.execute('GetItem', { TableName: 'orders', Key: KEY, ProjectionExpression: expression, ...placeholders(expression) });
const update = (expression: string, values?: Record<string, unknown>) => engine.execute('UpdateItem', { TableName: 'orders', Key: KEY, UpdateExpression: expression, ...placeholders(expression, values) });

const deep = (n: number) => Array.from({ length: n }, () => 'a').join('.');

describe('ProjectionExpression', () => {
  it('rejects overlapping paths (the same path twice, or one inside the other), in source order', async () => {
    const overlap = 'Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; ';
    await expect(project('a, a')).rejects.toThrow(`${overlap}path one: [a], path two: [a]`);
    await expect(project('a, a.b')).rejects.toThrow(`${overlap}path one: [a], path two: [a, b]`);
    await expect(project('a.b, a')).rejects.toThrow(`${overlap}path one: [a, b], path two: [a]`);
    await expect(project('a.b[0], a.b[0]')).rejects.toThrow(`${overlap}path one: [a, b, [0]], path two: [a, b, [0]]`);
    await expect(project('x, a, a.b[2].c')).rejects.toThrow(`${overlap}path one: [a], path two: [a, b, [2], c]`);
  });

  it('rejects conflicting paths (a list index and a map key at the same step)', async () => {
    await expect(project('a.b, a[1]')).rejects.toThrow(
      'Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [1]]',
    );
    await expect(project('a[0], a.b')).rejects.toThrow('path one: [a, [0]], path two: [a, b]');
  });

  it('accepts paths that only share a prefix', async () => {
    for (const expression of ['a, b', 'a.b, a.c', 'a.b.d, a.b.e', 'a[1], a[2]', 'a.b, a.c[2]']) await expect(project(expression)).resolves.toEqual({});
  });

  // "Maximum depth for a document path: 32" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-expression-parameters).
  it('rejects a document path deeper than 32 levels', async () => {
    await expect(project(deep(32))).resolves.toEqual({});
    await expect(project(deep(33))).rejects.toThrow('Invalid ProjectionExpression: The document path has too many nesting levels; nesting levels: 33');
    await expect(filter(`attribute_exists(${deep(33)})`)).rejects.toThrow('Invalid FilterExpression: The document path has too many nesting levels; nesting levels: 33');
  });

  it('rejects malformed list indexes and top-level syntax', async () => {
    for (const expression of ['a[-1]', 'a[1.5]', 'a[]', 'a[b]', 'a[0', 'a,', ',a', 'a,,b', 'a b', 'size(a)', 'a.', '.a', 'a..b']) {
      await expect(project(expression), expression).rejects.toThrow(/^Invalid ProjectionExpression: Syntax error; token: /);
    }
  });
});

describe('condition and filter expressions', () => {
  it('rejects redundant parentheses, ahead of other errors in the same text', async () => {
    for (const expression of ['a=a and a > ((views))', '(a)between(((b.c)).d)and(c)', 'a=a AND ((a=a AND a=a)) AND a=a', 'a=a OR ((a=a OR (a=a OR a=a)))', '((a = b))']) {
      await expect(filter(expression), expression).rejects.toThrow('Invalid FilterExpression: The expression has redundant parentheses;');
    }
  });

  it('accepts single parentheses around conditions and operands', async () => {
    await expect(filter('(a) = (b) AND ((a = b) OR (c < d)) AND (a) BETWEEN (:x) AND (:y)', { ':x': { N: '1' }, ':y': { N: '2' } })).resolves.toMatchObject({ Count: 0 });
    await expect(filter('(size(a)) > :x AND (a.b[1]) IN (:x, (:y))', { ':x': { N: '1' }, ':y': { N: '2' } })).resolves.toMatchObject({ Count: 0 });
  });

  it('rejects unknown and misused functions', async () => {
    await expect(filter('a=a and whatever((:things)) > a', { ':things': { S: 'x' } })).rejects.toThrow('Invalid FilterExpression: Invalid function name; function: whatever');
    await expect(filter('attRIbute_exIsts(a)')).rejects.toThrow('Invalid FilterExpression: Invalid function name; function: attRIbute_exIsts');
    const misused = 'Invalid FilterExpression: The function is not allowed to be used this way in an expression; function: ';
    const cases: [string, string][] = [
      ['attribute_not_exists(things) > b', 'attribute_not_exists'],
      ['begins_with(things, a) > b', 'begins_with'],
      ['size(contains(a, b)) > a', 'contains'],
      ['size(things)', 'size'],
      ['a between b and attribute_exists(things)', 'attribute_exists'],
      ['a in (b, attribute_exists(things))', 'attribute_exists'],
    ];
    for (const [expression, name] of cases) await expect(filter(expression), expression).rejects.toThrow(`${misused}${name}`);
  });

  it('ranks a reserved word below redundant parentheses and above operand errors', async () => {
    await expect(filter(':a < abOrT', { ':a': { S: 'x' } })).rejects.toThrow('Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: abOrT');
    await expect(filter('views = views')).rejects.toThrow('reserved keyword: views');
  });

  it('rejects an operand compared with itself (first operand must be distinct)', async () => {
    const distinct = 'Invalid FilterExpression: The first operand must be distinct from the remaining operands for this operator or function; ';
    await expect(filter('#a <> a')).rejects.toThrow(`${distinct}operator: <>, first operand: [a]`);
    await expect(filter('contains(ab.bc[1].a, ab.bc[1].#a)')).rejects.toThrow(`${distinct}operator: contains, first operand: [ab, bc, [1], a]`);
    await expect(filter('begins_with(x.y, x.y)')).rejects.toThrow(`${distinct}operator: begins_with, first operand: [x, y]`);
    await expect(filter('attribute_type(t, t)')).rejects.toThrow(`${distinct}operator: attribute_type, first operand: [t]`);
  });

  it('rejects constants of a type the function cannot take', async () => {
    const type = 'Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: ';
    const cases: [string, unknown, string][] = [
      ['begins_with(a, :a)', { N: '1' }, 'begins_with, operand type: N'],
      ['begins_with(:a, a)', { BOOL: true }, 'begins_with, operand type: BOOL'],
      ['begins_with(a, :a)', { L: [] }, 'begins_with, operand type: L'],
      ['begins_with(a, size(b))', undefined, 'begins_with, operand type: N'],
      ['attribute_type(a, :a)', { N: '1' }, 'attribute_type, operand type: N'],
      ['attribute_type(a, :a)', { SS: ['S'] }, 'attribute_type, operand type: SS'],
      ['size(:a) > a', { BOOL: true }, 'size, operand type: BOOL'],
      ['size(:a) > a', { N: '3' }, 'size, operand type: N'],
      ['size(size(a)) > b', undefined, 'size, operand type: N'],
    ];
    for (const [expression, value, message] of cases) await expect(filter(expression, value ? { ':a': value } : {}), expression).rejects.toThrow(`${type}${message}`);
  });

  it('rejects an attribute type name that does not exist', async () => {
    await expect(filter('attribute_type(a, :a)', { ':a': { S: 'STRING' } })).rejects.toThrow('Invalid FilterExpression: Invalid attribute type name found; type: STRING, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}');
  });

  it('accepts size() of a string constant and begins_with on binary constants', async () => {
    await expect(filter('size(:a) > b AND begins_with(c, :b)', { ':a': { S: 'abc' }, ':b': { B: 'AQI=' } })).resolves.toMatchObject({ Count: 0 });
  });

  it('rejects BETWEEN bounds of different types or in the wrong order', async () => {
    await expect(filter('a BETWEEN :a AND :b', { ':a': { N: '1' }, ':b': { S: 'x' } })).rejects.toThrow(
      'Invalid FilterExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:x}',
    );
    await expect(filter('a BETWEEN :a AND :b', { ':a': { N: '2' }, ':b': { N: '1' } })).rejects.toThrow(
      'Invalid FilterExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {N:1}',
    );
  });

  it('rejects a comparison of two constants (our text: see local-runtime/README.md)', async () => {
    await expect(filter(':a = :b', { ':a': { N: '1' }, ':b': { N: '1' } })).rejects.toThrow('Invalid FilterExpression: The comparison operands can not both be constants; operator: =');
  });

  it('checks the constants of every request, also when the expression text was seen before with other values', async () => {
    await expect(filter('begins_with(a, :a)', { ':a': { S: 'x' } })).resolves.toMatchObject({ Count: 0 });
    await expect(filter('begins_with(a, :a)', { ':a': { N: '1' } })).rejects.toThrow('operator or function: begins_with, operand type: N');
  });

  it('rejects deep nesting with a ValidationException, never a stack overflow', async () => {
    const parens = `${'('.repeat(1500)}a = b${')'.repeat(1500)}`;
    await expect(filter(parens)).rejects.toMatchObject({ type: 'ValidationException' });
    const nested = `${'(a = b AND '.repeat(300)}a = c${')'.repeat(300)}`;
    await expect(filter(nested)).rejects.toThrow('Invalid FilterExpression: The expression has too many nested levels; maximum nesting levels: 100');
    const nots = `${'NOT '.repeat(900)}a = b`;
    await expect(filter(nots)).rejects.toThrow('Invalid FilterExpression: The expression has too many nested levels');
    const sizes = `${'size('.repeat(400)}a${')'.repeat(400)} > b`;
    await expect(filter(sizes)).rejects.toMatchObject({ type: 'ValidationException' });
    // Long flat chains are fine: AND/OR do not nest.
    await expect(filter(Array.from({ length: 300 }, () => 'a = b').join(' OR '))).resolves.toMatchObject({ Count: 0 });
  });
});

describe('UpdateExpression', () => {
  it('rejects overlapping and conflicting paths with AWS texts, in source order', async () => {
    await expect(update('SET #c[3].#d = a, #c[3] = a')).rejects.toThrow(
      'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [c, [3], d], path two: [c, [3]]',
    );
    await expect(update('REMOVE a.#c SET a[1] = d')).rejects.toThrow(
      'Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, c], path two: [a, [1]]',
    );
    await expect(update('SET x = :v REMOVE x', { ':v': { N: '1' } })).rejects.toThrow('Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [x], path two: [x]');
  });

  it('rejects unknown functions, condition functions and misplaced if_not_exists', async () => {
    await expect(update('SET a = list_remove(a, :i)', { ':i': { N: '1' } })).rejects.toThrow('Invalid UpdateExpression: Invalid function name; function: list_remove');
    await expect(update('SET a = attribute_exists(b)')).rejects.toThrow('Invalid UpdateExpression: The function is not allowed in an update expression; function: attribute_exists');
    await expect(update('SET a = size(b)')).rejects.toThrow('Invalid UpdateExpression: The function is not allowed in an update expression; function: size');
    await expect(update('SET a = if_not_exists(if_not_exists(a, b), c)')).rejects.toThrow('Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists');
    await expect(update('SET a = if_not_exists(c)')).rejects.toThrow('Invalid UpdateExpression: Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: 1');
  });

  it('rejects syntax AWS rejects: names used as functions, chained arithmetic, functions as targets', async () => {
    for (const expression of ['SET #f(a) = b', 'SET a = #f(b)', 'SET a = b + c + d', 'SET if_not_exists(a, b) = a', 'SET a = b * c', 'set a = (b.c).d + e', 'SET a = list_append(b, c + d)']) {
      await expect(update(expression), expression).rejects.toThrow(/^Invalid UpdateExpression: Syntax error; token: /);
    }
  });

  it('rejects constants of a type an action or function cannot take', async () => {
    const type = 'Invalid UpdateExpression: Incorrect operand type for operator or function; ';
    const cases: [string, unknown, string][] = [
      ['ADD a.b :a', { S: 'a' }, 'operator: ADD, operand type: STRING'],
      ['ADD a.b :a', { BOOL: false }, 'operator: ADD, operand type: BOOLEAN'],
      ['ADD a.b :a', { M: {} }, 'operator: ADD, operand type: MAP'],
      ['ADD a.b :a', { L: [] }, 'operator: ADD, operand type: LIST'],
      ['DELETE a.b :a', { N: '1' }, 'operator: DELETE, operand type: NUMBER'],
      ['DELETE a.b :a', { B: 'YQ==' }, 'operator: DELETE, operand type: BINARY'],
      ['SET a = list_append(:a, a)', { S: 'a' }, 'operator or function: list_append, operand type: S'],
      ['SET a = list_append(a, :a)', { M: {} }, 'operator or function: list_append, operand type: M'],
      ['SET a = a + :a', { S: 'a' }, 'operator or function: +, operand type: S'],
      ['SET a = :a - a', { SS: ['a'] }, 'operator or function: -, operand type: SS'],
    ];
    for (const [expression, value, message] of cases) await expect(update(expression, { ':a': value }), expression).rejects.toThrow(`${type}${message}`);
  });

  it('rejects a document path deeper than 32 levels', async () => {
    await expect(update(`REMOVE ${deep(33)}`)).rejects.toThrow('Invalid UpdateExpression: The document path has too many nesting levels; nesting levels: 33');
  });
});
