import { ExecuteStatementCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ordersEngine } from '../testing/ordersEngine';
import { rejection } from '../testing/rejection';
import { streamTable } from '../testing/streamTable';
import { partiqlClient } from './testing/partiqlClient';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

const S = (value: string): AttributeValue => ({ S: value });

async function setup() {
  const engine = await ordersEngine();
  const client = partiqlClient(engine);
  const run = (Statement: string, Parameters?: AttributeValue[], extra: Record<string, unknown> = {}) =>
    client.send(new ExecuteStatementCommand({ Statement, ...(Parameters ? { Parameters } : {}), ...extra }));
  for (let n = 1; n <= 5; n += 1) {
    await run(`INSERT INTO orders VALUE {'PK': 'c#1', 'SK': ?, 'n': ?, 'tags': <<'a', 'b'>>, 'doc': {'x': [1, 2], 'y': 'z'}, 'GSI1PK': 'g', 'GSI1SK': ?}`, [S(`o#${n}`), { N: String(n) }, { N: String(10 - n) }]);
  }
  return { engine, client, run };
}

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.select.html
describe('ExecuteStatement SELECT', () => {
  it('reads one item by its full key with a nested projection', async () => {
    const { run } = await setup();
    const out = await run(`SELECT n, doc.x[1], "doc"."y" FROM "orders" WHERE PK = ? AND SK = 'o#2'`, [S('c#1')]);
    expect(out.Items).toEqual([{ n: { N: '2' }, doc: { M: { x: { L: [{ N: '2' }] }, y: { S: 'z' } } } }]);
    expect((await run(`SELECT * FROM orders WHERE PK = 'c#1' AND SK = 'none'`)).Items).toEqual([]);
  });

  it('queries a partition with a sort key condition, a filter and ORDER BY … DESC', async () => {
    const { run } = await setup();
    const out = await run(`SELECT SK FROM orders WHERE PK = 'c#1' AND begins_with(SK, 'o#') AND n <> 3 ORDER BY SK DESC`);
    expect(out.Items?.map((item) => item.SK?.S)).toEqual(['o#5', 'o#4', 'o#2', 'o#1']);
  });

  it('takes SK >= ? AND SK <= ? as one BETWEEN key condition, and a second bound as a filter', async () => {
    const { run } = await setup();
    const inclusive = await run(`SELECT SK FROM orders WHERE PK = 'c#1' AND SK <= ? AND ? <= SK`, [S('o#4'), S('o#2')]);
    expect(inclusive.Items?.map((item) => item.SK?.S)).toEqual(['o#2', 'o#3', 'o#4']);
    const exclusive = await run(`SELECT SK FROM orders WHERE PK = 'c#1' AND SK > 'o#2' AND SK < 'o#5'`);
    expect(exclusive.Items?.map((item) => item.SK?.S)).toEqual(['o#3', 'o#4']);
  });

  it('scans the whole table when WHERE has no partition key equality, as AWS does', async () => {
    const { run } = await setup();
    const out = await run(`SELECT SK FROM orders WHERE n BETWEEN 2 AND 4 AND tags IS NOT MISSING AND contains(tags, 'a') AND SK IN ['o#2', 'o#4', 'x']`);
    expect(out.Items?.map((item) => item.SK?.S).sort()).toEqual(['o#2', 'o#4']);
    expect((await run(`SELECT * FROM orders WHERE nothing IS MISSING AND attribute_type(n, 'N') AND size(SK) = 3`)).Items).toHaveLength(5);
  });

  it('reads an index named "table"."index"', async () => {
    const { run } = await setup();
    const out = await run(`SELECT SK FROM "orders"."GSI1" WHERE GSI1PK = 'g' AND GSI1SK > 6`);
    expect(out.Items?.map((item) => item.SK?.S)).toEqual(['o#3', 'o#2', 'o#1']);
    const error = await rejection(run(`SELECT * FROM "orders"."GSI1" WHERE GSI1PK = 'g'`, undefined, { ConsistentRead: true }));
    expect(error.message).toBe('Strongly consistent read is not supported on Global Secondary Indexes');
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExecuteStatement.html#DDB-ExecuteStatement-request-Limit
  it('pages with Limit and NextToken, and refuses a NextToken of another statement', async () => {
    const { run } = await setup();
    const statement = `SELECT SK FROM orders WHERE PK = 'c#1'`;
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await run(statement, undefined, { Limit: 2, ...(token ? { NextToken: token } : {}) });
      seen.push(...(page.Items ?? []).map((item) => item.SK?.S as string));
      token = page.NextToken;
      if (token) expect(page.LastEvaluatedKey).toBeDefined();
    } while (token);
    expect(seen).toEqual(['o#1', 'o#2', 'o#3', 'o#4', 'o#5']);
    const first = await run(statement, undefined, { Limit: 1 });
    const error = await rejection(run(`SELECT * FROM orders`, undefined, { NextToken: first.NextToken }));
    expect(error.message).toBe('NextToken does not match request');
  });

  it('reports ConsumedCapacity like the equivalent GetItem', async () => {
    const { run } = await setup();
    const out = await run(`SELECT * FROM orders WHERE PK = 'c#1' AND SK = 'o#1'`, undefined, { ReturnConsumedCapacity: 'TOTAL', ConsistentRead: true });
    expect(out.ConsumedCapacity).toEqual({ TableName: 'orders', CapacityUnits: 1 });
  });
});

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.insert.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.update.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.delete.html
describe('ExecuteStatement writes', () => {
  it('INSERT of an existing key is DuplicateItemException and changes nothing', async () => {
    const { run } = await setup();
    const error = await rejection(run(`INSERT INTO orders VALUE {'PK': 'c#1', 'SK': 'o#1', 'n': 99}`));
    expect({ type: error.name, message: error.message }).toEqual({ type: 'DuplicateItemException', message: 'Duplicate primary key exists in table' });
    expect((await run(`SELECT n FROM orders WHERE PK = 'c#1' AND SK = 'o#1'`)).Items).toEqual([{ n: { N: '1' } }]);
  });

  it('UPDATE applies SET, REMOVE, arithmetic, list_append and set_add, and RETURNING gives the images', async () => {
    const { run } = await setup();
    const out = await run(
      `UPDATE orders SET n = n + 10 SET doc.x = list_append(doc.x, [3]) SET tags = set_add(tags, <<'c'>>) REMOVE GSI1PK WHERE PK = 'c#1' AND SK = 'o#1' RETURNING ALL NEW *`,
    );
    expect(out.Items?.[0]).toMatchObject({ n: { N: '11' }, doc: { M: { x: { L: [{ N: '1' }, { N: '2' }, { N: '3' }] } } }, tags: { SS: ['a', 'b', 'c'] } });
    expect(out.Items?.[0]?.GSI1PK).toBeUndefined();
    const modified = await run(`UPDATE orders SET n = ? WHERE PK = 'c#1' AND SK = 'o#1' RETURNING MODIFIED OLD *`, [{ N: '5' }]);
    expect(modified.Items).toEqual([{ n: { N: '11' } }]);
    const plain = await run(`UPDATE orders SET n = 6 WHERE PK = 'c#1' AND SK = 'o#1'`);
    expect(plain.Items).toEqual([]);
  });

  it('set_delete removes set members, IS NULL tests the NULL type, and writes report capacity like UpdateItem', async () => {
    const { engine, run } = await setup();
    const out = await run(`UPDATE orders SET tags = set_delete(tags, <<'a'>>) SET z = NULL WHERE PK = 'c#1' AND SK = 'o#4' RETURNING MODIFIED NEW *`, undefined, { ReturnConsumedCapacity: 'TOTAL' });
    expect(out.Items).toEqual([{ tags: { SS: ['b'] }, z: { NULL: true } }]);
    const api = await engine.execute('UpdateItem', { TableName: 'orders', Key: { PK: { S: 'c#1' }, SK: { S: 'o#5' } }, UpdateExpression: 'DELETE tags :a SET z = :z', ExpressionAttributeValues: { ':a': { SS: ['a'] }, ':z': { NULL: true } }, ReturnConsumedCapacity: 'TOTAL' });
    expect(out.ConsumedCapacity).toEqual(api.ConsumedCapacity);
    expect((await run(`SELECT SK FROM orders WHERE z IS NULL`)).Items?.map((item) => item.SK?.S).sort()).toEqual(['o#4', 'o#5']);
    const wrong = await rejection(run(`UPDATE orders SET tags = set_add(other, <<'a'>>) WHERE PK = 'c#1' AND SK = 'o#4'`));
    expect(wrong.message).toBe('The first argument to SET_ADD must equal the assignment value');
  });

  it('UPDATE of a missing item or a false condition is ConditionalCheckFailedException, with the item when asked', async () => {
    const { run } = await setup();
    const missing = await rejection(run(`UPDATE orders SET n = 1 WHERE PK = 'c#1' AND SK = 'none'`));
    expect(missing.name).toBe('ConditionalCheckFailedException');
    const failed = await rejection(run(`UPDATE orders SET n = 1 WHERE PK = 'c#1' AND SK = 'o#2' AND n > 100`, undefined, { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }));
    expect(failed.name).toBe('ConditionalCheckFailedException');
    expect((failed as unknown as { Item: Record<string, AttributeValue> }).Item?.n).toEqual({ N: '2' });
  });

  it('DELETE with a condition and RETURNING ALL OLD *; a missing item deletes nothing and succeeds', async () => {
    const { run } = await setup();
    const out = await run(`DELETE FROM orders WHERE PK = 'c#1' AND SK = 'o#3' AND n = 3 RETURNING ALL OLD *`);
    expect(out.Items?.[0]?.SK).toEqual({ S: 'o#3' });
    expect((await run(`SELECT * FROM orders WHERE PK = 'c#1' AND SK = 'o#3'`)).Items).toEqual([]);
    expect((await run(`DELETE FROM orders WHERE PK = 'c#1' AND SK = 'o#3'`)).Items).toEqual([]);
  });

  it('writes the same stream records as PutItem, UpdateItem and DeleteItem', async () => {
    const { engine, records } = await streamTable();
    const client = partiqlClient(engine);
    const run = (Statement: string) => client.send(new ExecuteStatementCommand({ Statement }));
    await run(`INSERT INTO events VALUE {'pk': 'a', 'v': 1}`);
    await run(`UPDATE events SET v = 2 WHERE pk = 'a'`);
    await run(`UPDATE events SET v = 2 WHERE pk = 'a'`);
    await run(`DELETE FROM events WHERE pk = 'a'`);
    expect(records().map((r) => [r.eventName, r.dynamodb.OldImage?.v, r.dynamodb.NewImage?.v])).toEqual([
      ['INSERT', undefined, { N: '1' }],
      ['MODIFY', { N: '1' }, { N: '2' }],
      ['REMOVE', { N: '2' }, undefined],
    ]);
  });
});

describe('ExecuteStatement errors', () => {
  it("answers AWS's ValidationException and ResourceNotFoundException texts", async () => {
    const { run } = await setup();
    const cases: [string, AttributeValue[] | undefined, string][] = [
      [`UPDATE orders SET n = 1 WHERE PK = 'c#1'`, undefined, 'Where clause does not contain a mandatory equality on all key attributes'],
      [`DELETE FROM orders WHERE n = 1`, undefined, 'Where clause does not contain a mandatory equality on all key attributes'],
      [`SELECT * FROM orders WHERE PK = ? AND SK = ?`, [S('x')], "Number of parameters in request and statement don't match."],
      [`EXISTS(SELECT * FROM orders WHERE PK = 'a' AND SK = 'b')`, undefined, 'EXISTS can only be used in ExecuteTransaction write requests.'],
      [`SELECT * FROM orders WHERE a = MISSING`, undefined, 'MISSING must be compared using IS operator'],
      [`INSERT INTO orders VALUE {'PK': 'x'}`, undefined, 'Key attribute should be present in the item: Key SK'],
      [`INSERT INTO orders VALUE {'PK': 1, 'SK': 'x'}`, undefined, "Key attribute's data type should match its data type in table's schema: Key PK"],
      [`UPDATE orders SET n = 1 WHERE PK = ? AND SK = 'o#1'`, [{ N: '1' }], "Key attribute's data type should match its data type in table's schema: Key PK"],
      [`INSERT INTO orders VALUE [1]`, undefined, 'Unsupported format in item expression. Please use struct format {...} to express item values for insert statement.'],
      [`SELECT * FROM orders ORDER BY SK`, undefined, 'Must have WHERE clause in the statement when using ORDER BY clause.'],
      [`SELECT * FROM orders WHERE n = 1 ORDER BY SK`, undefined, 'Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.'],
      [`SELECT * FROM orders WHERE PK = 'a' ORDER BY n`, undefined, 'Variable reference n in ORDER BY clause must be part of the primary key'],
      [`SELECT * FROM orders WHERE n = <<>>`, undefined, 'Empty bags are not supported'],
      [`SELECT * FROM orders WHERE upper(n) = 1`, undefined, 'Unrecognized function: upper'],
    ];
    for (const [statement, parameters, message] of cases) {
      const error = await rejection(run(statement, parameters));
      expect({ statement, type: error.name, message: error.message }).toEqual({ statement, type: 'ValidationException', message });
    }
    const missing = await rejection(run(`SELECT * FROM nowhere`));
    expect({ type: missing.name, message: missing.message }).toEqual({ type: 'ResourceNotFoundException', message: 'Requested resource not found' });
  });
});
