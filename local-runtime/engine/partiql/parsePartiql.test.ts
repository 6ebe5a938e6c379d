import { describe, expect, it } from 'vitest';
import { MAX_NESTING, parsePartiql } from './parsePartiql';
import type { DynamoDbError } from '../errors';

function failure(source: string): DynamoDbError {
  try {
    parsePartiql(source);
  } catch (error) {
    return error as DynamoDbError;
  }
  throw new Error(`expected ${source} to fail`);
}

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.statements.html
describe('parsePartiql', () => {
  it('parses a SELECT with a nested projection, an index source, WHERE and ORDER BY', () => {
    const { statement, parameterCount } = parsePartiql(`select a.b[2], "c" FROM "orders"."GSI1" WHERE GSI1PK = ? AND GSI1SK BETWEEN 1 AND ? ORDER BY GSI1SK DESC;`);
    expect(parameterCount).toBe(2);
    expect(statement).toMatchObject({
      type: 'select',
      projection: [{ root: 'a', steps: [{ kind: 'name', name: 'b' }, { kind: 'index', index: 2 }] }, { root: 'c', steps: [] }],
      source: { table: 'orders', index: 'GSI1' },
      orderBy: [{ path: { root: 'GSI1SK' }, descending: true }],
    });
  });

  it('parses comments, literals of every type and IS [NOT] MISSING', () => {
    const { statement } = parsePartiql(`-- insert\nINSERT INTO t /* block */ VALUE {'pk': 'a', 'n': -1.5e3, 'b': TRUE, 'z': NULL, 'l': [1, 'x'], 's': <<'p', 'q'>>, 'm': {'k': 1}}`);
    expect(statement.type).toBe('insert');
    expect(parsePartiql(`SELECT * FROM t WHERE a IS NOT MISSING AND NOT b IN [1, 2]`).statement).toMatchObject({
      where: { kind: 'and', left: { kind: 'is', negated: true, type: 'MISSING' }, right: { kind: 'not', operand: { kind: 'in' } } },
    });
  });

  it('parses UPDATE with SET, REMOVE, functions and RETURNING', () => {
    const { statement } = parsePartiql(`UPDATE t SET a = a + 1, l = list_append(l, [2]) SET s = set_add(s, <<'x'>>) REMOVE old WHERE pk = 'k' RETURNING MODIFIED NEW *`);
    expect(statement).toMatchObject({ type: 'update', returning: 'UPDATED_NEW' });
    expect((statement as { assignments: unknown[] }).assignments).toHaveLength(4);
  });

  it("answers AWS's syntax error for malformed statements", () => {
    expect(failure('SELEC * FROM t').message).toBe("Statement wasn't well formed, can't be processed: Expected data manipulation");
    expect(failure('SELECT * FROM t WHERE').message).toBe("Statement wasn't well formed, can't be processed: Unexpected end of statement");
    expect(failure("SELECT * FROM t WHERE a = 'x").message).toMatch(/^Statement wasn't well formed/);
    expect(failure('SELECT * FROM t; SELECT * FROM t').message).toMatch(/^Statement wasn't well formed/);
    expect(failure('SELECT *, a FROM t').message).toBe("Other attributes should not be present in the projection when '*' is used.");
    expect(failure('DELETE FROM t WHERE pk = 1 RETURNING ALL NEW *').message).toBe('Invalid returning clause: RETURNING ALL NEW *. Only RETURNING ALL OLD * is allowed in DELETE statements.');
    expect(failure("INSERT INTO t VALUE {'pk': 1} RETURNING ALL OLD *").message).toBe('RETURNING is not supported in INSERT');
    expect(failure('SELECT * FROM t WHERE value = 1').type).toBe('ValidationException');
  });

  it('refuses nesting beyond the bound with a ValidationException instead of overflowing the stack', () => {
    const deep = `SELECT * FROM t WHERE ${'('.repeat(MAX_NESTING + 1)}a = 1${')'.repeat(MAX_NESTING + 1)}`;
    expect(failure(deep)).toMatchObject({ type: 'ValidationException' });
    const nots = `SELECT * FROM t WHERE ${'NOT '.repeat(5000)}a = 1`;
    expect(failure(nots)).toMatchObject({ type: 'ValidationException' });
    const lists = `INSERT INTO t VALUE {'pk': ${'['.repeat(10000)}`;
    expect(failure(lists)).toMatchObject({ type: 'ValidationException' });
  });
});
