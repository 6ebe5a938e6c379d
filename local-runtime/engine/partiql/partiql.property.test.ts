import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ordersEngine } from '../testing/ordersEngine';
import type { Engine } from '../Engine';

type Value = { S: string } | { N: string };
type Command =
  | { op: 'insert'; pk: string; sk: string; v: number; tag: string }
  | { op: 'update'; pk: string; sk: string; v: number; below: number | undefined; remove: boolean }
  | { op: 'add'; pk: string; sk: string; delta: number }
  | { op: 'delete'; pk: string; sk: string; below: number | undefined }
  | { op: 'select'; pk: string; after: string; descending: boolean }
  | { op: 'scan'; low: number; high: number };

const pk = fc.constantFrom('a', 'b');
const sk = fc.constantFrom('1', '2', '10', 'x');
const small = fc.integer({ min: -5, max: 5 });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), pk, sk, v: small, tag: fc.constantFrom('p', 'q', '') }),
  fc.record({ op: fc.constant('update' as const), pk, sk, v: small, below: fc.option(small, { nil: undefined }), remove: fc.boolean() }),
  fc.record({ op: fc.constant('add' as const), pk, sk, delta: small }),
  fc.record({ op: fc.constant('delete' as const), pk, sk, below: fc.option(small, { nil: undefined }) }),
  fc.record({ op: fc.constant('select' as const), pk, after: sk, descending: fc.boolean() }),
  fc.record({ op: fc.constant('scan' as const), low: small, high: small }),
);

const N = (n: number): Value => ({ N: String(n) });
const S = (s: string): Value => ({ S: s });
const key = (c: { pk: string; sk: string }) => ({ PK: S(c.pk), SK: S(c.sk) });

/** A request's outcome: the result, or the error type (a PartiQL INSERT's DuplicateItem is the put's failed condition). */
async function outcome(promise: Promise<Record<string, unknown>>): Promise<unknown> {
  try {
    return await promise;
  } catch (error) {
    const type = (error as { type: string }).type;
    return { error: type === 'DuplicateItemException' ? 'ConditionalCheckFailedException' : type };
  }
}

/** The statement and its expression-API equivalent; both answers, in one shape. */
async function step(partiql: Engine, api: Engine, c: Command): Promise<[unknown, unknown]> {
  const run = (Statement: string, Parameters?: Value[]) => outcome(partiql.execute('ExecuteStatement', { Statement, ...(Parameters ? { Parameters } : {}) }));
  const attributes = (out: unknown) => (typeof out === 'object' && out !== null && 'error' in out ? out : { Items: 'Attributes' in (out as object) ? [(out as { Attributes: unknown }).Attributes] : [] });
  const T = { TableName: 'orders' };
  switch (c.op) {
    case 'insert': {
      const tag = c.tag === '' ? '' : `, 'tag': '${c.tag}'`;
      return [
        await run(`INSERT INTO orders VALUE {'PK': ?, 'SK': ?, 'v': ${c.v}${tag}}`, [S(c.pk), S(c.sk)]),
        await outcome(api.execute('PutItem', { ...T, Item: { ...key(c), v: N(c.v), ...(c.tag ? { tag: S(c.tag) } : {}) }, ConditionExpression: 'attribute_not_exists(PK)' })).then((out) =>
          'error' in (out as object) ? out : { Items: [] },
        ),
      ];
    }
    case 'update': {
      const where = c.below === undefined ? '' : ` AND v < ${c.below}`;
      const statement = `UPDATE orders SET v = ? ${c.remove ? 'REMOVE tag ' : ''}WHERE PK = ? AND SK = ?${where} RETURNING ALL OLD *`;
      const condition = `attribute_exists(PK)${c.below === undefined ? '' : ' AND v < :b'}`;
      return [
        await run(statement, [N(c.v), S(c.pk), S(c.sk)]),
        attributes(
          await outcome(
            api.execute('UpdateItem', {
              ...T,
              Key: key(c),
              UpdateExpression: `SET v = :v${c.remove ? ' REMOVE tag' : ''}`,
              ConditionExpression: condition,
              ExpressionAttributeValues: { ':v': N(c.v), ...(c.below === undefined ? {} : { ':b': N(c.below) }) },
              ReturnValues: 'ALL_OLD',
            }),
          ),
        ),
      ];
    }
    case 'add':
      return [
        await run(`UPDATE orders SET v = v + ? WHERE PK = '${c.pk}' AND SK = '${c.sk}' RETURNING MODIFIED NEW *`, [N(c.delta)]),
        attributes(
          await outcome(
            api.execute('UpdateItem', { ...T, Key: key(c), UpdateExpression: 'SET v = v + :d', ConditionExpression: 'attribute_exists(PK)', ExpressionAttributeValues: { ':d': N(c.delta) }, ReturnValues: 'UPDATED_NEW' }),
          ),
        ),
      ];
    case 'delete': {
      const where = c.below === undefined ? '' : ` AND v < ${c.below}`;
      return [
        await run(`DELETE FROM orders WHERE PK = '${c.pk}' AND SK = '${c.sk}'${where} RETURNING ALL OLD *`),
        attributes(
          await outcome(
            api.execute('DeleteItem', { ...T, Key: key(c), ReturnValues: 'ALL_OLD', ...(c.below === undefined ? {} : { ConditionExpression: 'v < :b', ExpressionAttributeValues: { ':b': N(c.below) } }) }),
          ),
        ),
      ];
    }
    case 'select': {
      const out = await run(`SELECT SK, v FROM orders WHERE PK = ? AND SK > ? ORDER BY SK ${c.descending ? 'DESC' : 'ASC'}`, [S(c.pk), S(c.after)]);
      const query = (await api.execute('Query', {
        ...T,
        KeyConditionExpression: 'PK = :p AND SK > :s',
        ProjectionExpression: 'SK, v',
        ScanIndexForward: !c.descending,
        ExpressionAttributeValues: { ':p': S(c.pk), ':s': S(c.after) },
      })) as { Items: unknown[] };
      return [out, { Items: query.Items }];
    }
    case 'scan': {
      const out = (await run(`SELECT * FROM orders WHERE v BETWEEN ? AND ? OR tag IS MISSING`, [N(c.low), N(c.high)])) as { Items?: unknown[] };
      const scan = (await outcome(api.execute('Scan', { ...T, FilterExpression: 'v BETWEEN :l AND :h OR attribute_not_exists(tag)', ExpressionAttributeValues: { ':l': N(c.low), ':h': N(c.high) } }))) as { Items?: unknown[] };
      return [out.Items ?? out, scan.Items ?? scan];
    }
  }
}

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.html
describe('PartiQL against the expression API (property)', () => {
  it('every statement answers as its expression-API equivalent and leaves the table in the same state', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 25 }), async (commands) => {
        const partiql = await ordersEngine();
        const api = await ordersEngine();
        for (const c of commands) {
          const [fromStatement, fromApi] = await step(partiql, api, c);
          expect(fromStatement, JSON.stringify(c)).toEqual(fromApi);
        }
        const scan = async (engine: Engine) => (await engine.execute('Scan', { TableName: 'orders' })).Items;
        expect(await scan(partiql)).toEqual(await scan(api));
      }),
      { numRuns: 100 },
    );
  });
});
