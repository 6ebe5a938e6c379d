import { BatchExecuteStatementCommand, ExecuteTransactionCommand, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ordersEngine } from '../testing/ordersEngine';
import { rejection } from '../testing/rejection';
import { partiqlClient } from './testing/partiqlClient';

async function setup() {
  const engine = await ordersEngine();
  const client = partiqlClient(engine);
  await engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'c' }, SK: { S: '1' }, n: { N: '1' } } });
  await engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'c' }, SK: { S: '2' }, n: { N: '2' } } });
  const item = async (sk: string) => (await engine.execute('GetItem', { TableName: 'orders', Key: { PK: { S: 'c' }, SK: { S: sk } } })).Item as Record<string, unknown> | undefined;
  return { engine, client, item };
}

// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchExecuteStatement.html
describe('BatchExecuteStatement', () => {
  it('runs each write on its own and reports a failed one in its place', async () => {
    const { client, item } = await setup();
    const out = await client.send(
      new BatchExecuteStatementCommand({
        Statements: [
          { Statement: `INSERT INTO orders VALUE {'PK': 'c', 'SK': '3'}` },
          { Statement: `INSERT INTO orders VALUE {'PK': 'c', 'SK': '1'}` },
          { Statement: `UPDATE orders SET n = 5 WHERE PK = 'c' AND SK = '2' AND n = 9`, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' },
          { Statement: `DELETE FROM orders WHERE PK = ? AND SK = ?`, Parameters: [{ S: 'c' }, { S: '1' }] },
          { Statement: `UPDATE orders SET` },
        ],
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    expect(out.Responses?.map((r) => r.Error?.Code)).toEqual([undefined, 'DuplicateItem', 'ConditionalCheckFailed', undefined, 'ValidationError']);
    expect(out.Responses?.[1]?.Error?.Message).toBe('Duplicate primary key exists in table');
    expect(out.Responses?.[2]?.Error?.Item).toEqual({ PK: { S: 'c' }, SK: { S: '2' }, n: { N: '2' } });
    expect(out.Responses?.[0]?.TableName).toBe('orders');
    expect(out.ConsumedCapacity).toEqual([{ TableName: 'orders', CapacityUnits: 2 }]);
    expect(await item('3')).toBeDefined();
    expect(await item('1')).toBeUndefined();
  });

  it('reads items by full key, {} for a missing one', async () => {
    const { client } = await setup();
    const out = await client.send(
      new BatchExecuteStatementCommand({
        Statements: [{ Statement: `SELECT n FROM orders WHERE PK = 'c' AND SK = '2'` }, { Statement: `SELECT * FROM orders WHERE PK = 'c' AND SK = '9'` }, { Statement: `SELECT * FROM orders WHERE PK = 'c'` }],
      }),
    );
    expect(out.Responses?.[0]).toEqual({ TableName: 'orders', Item: { n: { N: '2' } } });
    expect(out.Responses?.[1]).toEqual({ TableName: 'orders' });
    expect(out.Responses?.[2]?.Error?.Code).toBe('ValidationError');
  });

  it('reports an unknown table as ResourceNotFound in its place', async () => {
    const { client } = await setup();
    const out = await client.send(new BatchExecuteStatementCommand({ Statements: [{ Statement: `INSERT INTO nowhere VALUE {'a': 1}` }, { Statement: `INSERT INTO orders VALUE {'PK': 'c', 'SK': '7'}` }] }));
    expect(out.Responses?.map((r) => r.Error?.Code)).toEqual(['ResourceNotFound', undefined]);
  });

  it('refuses more than 25 statements', async () => {
    const { client } = await setup();
    const Statements = Array.from({ length: 26 }, () => ({ Statement: `SELECT * FROM orders WHERE PK = 'c' AND SK = '1'` }));
    const error = await rejection(client.send(new BatchExecuteStatementCommand({ Statements })));
    expect(error.message).toMatch(/Member must have length less than or equal to 25/);
  });
});

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.multiplestatements.transactions.html
describe('ExecuteTransaction', () => {
  it('applies writes together, with EXISTS as a condition check', async () => {
    const { client, item } = await setup();
    await client.send(
      new ExecuteTransactionCommand({
        TransactStatements: [
          { Statement: `INSERT INTO orders VALUE {'PK': 'c', 'SK': '3'}` },
          { Statement: `UPDATE orders SET n = n + 1 WHERE PK = 'c' AND SK = '2'` },
          { Statement: `EXISTS(SELECT * FROM orders WHERE PK = 'c' AND SK = '1' AND n = 1)` },
        ],
      }),
    );
    expect(await item('3')).toBeDefined();
    expect((await item('2'))?.n).toEqual({ N: '3' });
  });

  it('cancels with reasons in statement order (DuplicateItem for an INSERT) and changes nothing', async () => {
    const { client, item } = await setup();
    const error = await rejection(
      client.send(
        new ExecuteTransactionCommand({
          TransactStatements: [
            { Statement: `UPDATE orders SET n = 7 WHERE PK = 'c' AND SK = '2'` },
            { Statement: `INSERT INTO orders VALUE {'PK': 'c', 'SK': '1'}` },
            { Statement: `EXISTS(SELECT * FROM orders WHERE PK = 'c' AND SK = '9')` },
          ],
        }),
      ),
    );
    expect(error).toBeInstanceOf(TransactionCanceledException);
    const reasons = (error as unknown as TransactionCanceledException).CancellationReasons;
    expect(reasons?.map((r) => r.Code)).toEqual(['None', 'DuplicateItem', 'ConditionalCheckFailed']);
    expect(error.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [None, DuplicateItem, ConditionalCheckFailed]');
    expect((await item('2'))?.n).toEqual({ N: '2' });
  });

  it('reads by full key; refuses mixing reads and writes', async () => {
    const { client } = await setup();
    const out = await client.send(
      new ExecuteTransactionCommand({ TransactStatements: [{ Statement: `SELECT n FROM orders WHERE PK = 'c' AND SK = '1'` }, { Statement: `SELECT * FROM orders WHERE PK = 'c' AND SK = '9'` }] }),
    );
    expect(out.Responses).toEqual([{ Item: { n: { N: '1' } } }, {}]);
    const mixed = await rejection(
      client.send(new ExecuteTransactionCommand({ TransactStatements: [{ Statement: `SELECT * FROM orders WHERE PK = 'c' AND SK = '1'` }, { Statement: `DELETE FROM orders WHERE PK = 'c' AND SK = '1'` }] })),
    );
    expect(mixed.message).toBe('ExecuteTransaction API does not support both read and write operations in the same request.');
    const partial = await rejection(client.send(new ExecuteTransactionCommand({ TransactStatements: [{ Statement: `SELECT * FROM orders WHERE PK = 'c'` }] })));
    expect(partial.message).toBe('Select statements within ExecuteTransaction must specify the primary key in the where clause.');
  });

  it('refuses 101 statements, two writes to one item and RETURNING', async () => {
    const { client } = await setup();
    const many = Array.from({ length: 101 }, (_, i) => ({ Statement: `INSERT INTO orders VALUE {'PK': 'm', 'SK': '${i}'}` }));
    expect((await rejection(client.send(new ExecuteTransactionCommand({ TransactStatements: many })))).message).toMatch(/Member must have length less than or equal to 100/);
    const twice = [{ Statement: `UPDATE orders SET n = 1 WHERE PK = 'c' AND SK = '1'` }, { Statement: `DELETE FROM orders WHERE PK = 'c' AND SK = '1'` }];
    expect((await rejection(client.send(new ExecuteTransactionCommand({ TransactStatements: twice })))).message).toBe('Transaction request cannot include multiple operations on one item');
    const returning = [{ Statement: `UPDATE orders SET n = 1 WHERE PK = 'c' AND SK = '1' RETURNING ALL NEW *` }];
    expect((await rejection(client.send(new ExecuteTransactionCommand({ TransactStatements: returning })))).name).toBe('ValidationException');
  });

  it('is idempotent with a ClientRequestToken', async () => {
    const { client, item } = await setup();
    const send = (Statement: string) => client.send(new ExecuteTransactionCommand({ ClientRequestToken: 'token-1', TransactStatements: [{ Statement }] }));
    await send(`UPDATE orders SET n = n + 1 WHERE PK = 'c' AND SK = '1'`);
    await send(`UPDATE orders SET n = n + 1 WHERE PK = 'c' AND SK = '1'`);
    expect((await item('1'))?.n).toEqual({ N: '2' });
    const mismatch = await rejection(send(`UPDATE orders SET n = n + 2 WHERE PK = 'c' AND SK = '1'`));
    expect(mismatch.name).toBe('IdempotentParameterMismatchException');
  });
});
