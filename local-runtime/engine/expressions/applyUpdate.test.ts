import { describe, expect, it } from 'vitest';
import { ExpressionAttributes } from './ExpressionAttributes';
import { applyUpdate } from './applyUpdate';
import { parseUpdate } from './parseUpdate';
import type { WireItem } from '../values/AttributeValue';

const update = (item: WireItem, source: string, values?: Record<string, unknown>, names?: Record<string, string>): WireItem =>
  applyUpdate(item, parseUpdate(source, new ExpressionAttributes(names, values)));

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
describe('applyUpdate', () => {
  it('SET with arithmetic, if_not_exists and list_append, evaluated against the old item', () => {
    const item: WireItem = { n: { N: '1' }, l: { L: [{ S: 'a' }] } };
    const out = update(item, 'SET n = n + :one, m = n, c = if_not_exists(c, :zero), l = list_append(l, :more)', {
      ':one': { N: '1' },
      ':zero': { N: '0' },
      ':more': { L: [{ S: 'b' }] },
    });
    expect(out).toEqual({ n: { N: '2' }, m: { N: '1' }, c: { N: '0' }, l: { L: [{ S: 'a' }, { S: 'b' }] } });
    expect(item.n).toEqual({ N: '1' });
  });

  it('keeps arithmetic exact beyond double precision', () => {
    const out = update({ n: { N: '0.1' } }, 'SET n = n + :x', { ':x': { N: '0.2' } });
    expect(out.n).toEqual({ N: '0.3' });
  });

  it('SET and REMOVE nested map paths; REMOVE of several list elements uses the original indexes', () => {
    const item: WireItem = { m: { M: { a: { S: '1' }, b: { S: '2' } } }, l: { L: [{ S: '0' }, { S: '1' }, { S: '2' }] } };
    const out = update(item, 'SET m.c = :v REMOVE m.a, l[0], l[2]', { ':v': { S: '3' } });
    expect(out).toEqual({ m: { M: { b: { S: '2' }, c: { S: '3' } } }, l: { L: [{ S: '1' }] } });
  });

  it('never changes the item it started from, nor items sharing its nested maps and lists', () => {
    const original: WireItem = { m: { M: { a: { S: '1' } } }, l: { L: [{ S: '0' }] }, n: { N: '1' } };
    const snapshot = structuredClone(original);
    // Top-level writes copy only the top level: the result shares m and l with the original.
    const first = update(original, 'SET n = :two REMOVE gone', { ':two': { N: '2' } });
    expect(first.m).toBe(original.m);
    // Nested writes into the result copy it deeply, so the shared containers stay as they were.
    const second = update(first, 'SET m.b = :v, l[1] = :v REMOVE m.a', { ':v': { S: 'x' } });
    expect(second).toEqual({ m: { M: { b: { S: 'x' } } }, l: { L: [{ S: '0' }, { S: 'x' }] }, n: { N: '2' } });
    expect(original).toEqual(snapshot);
    expect(first).toEqual({ ...snapshot, n: { N: '2' } });
  });

  it('ADD to numbers and sets, DELETE from sets (removing an emptied set)', () => {
    const out = update({ n: { N: '5' }, s: { SS: ['a', 'b'] }, d: { SS: ['x'] } }, 'ADD n :two, s :c, fresh :two DELETE d :x', {
      ':two': { N: '2' },
      ':c': { SS: ['c', 'a'] },
      ':x': { SS: ['x'] },
    });
    expect(out).toEqual({ n: { N: '7' }, s: { SS: ['a', 'b', 'c'] }, fresh: { N: '2' } });
  });

  it('rejects a nested SET whose parent does not exist', () => {
    expect(() => update({}, 'SET a.b = :v', { ':v': { S: '1' } })).toThrow('The document path provided in the update expression is invalid for update');
  });

  it('rejects arithmetic on non-numbers', () => {
    expect(() => update({ s: { S: 'x' } }, 'SET s = s + :one', { ':one': { N: '1' } })).toThrow('An operand in the update expression has an incorrect data type');
  });

  it('rejects overlapping paths and repeated sections at parse time', () => {
    expect(() => update({}, 'SET a = :v, a.b = :v', { ':v': { S: '1' } })).toThrow(
      'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]',
    );
    expect(() => update({}, 'SET a = :v SET b = :v', { ':v': { S: '1' } })).toThrow('The "SET" section can only be used once in an update expression;');
  });
});
