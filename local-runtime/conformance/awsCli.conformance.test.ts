import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import { Engine } from '../engine/Engine';
import { awsCli } from './realClients';
import { needs, startConformanceServer } from './withServer';
import type { ClientResult } from './realClients';
import type { WireServer } from '../wire/startWireServer';

const ok = (result: ClientResult): Record<string, unknown> => {
  if (!('ok' in result)) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result.ok;
};
const json = (value: unknown): string => JSON.stringify(value);
const probe = new Engine({ region: 'us-east-1', accountId: '0', clock: new VirtualClock() });

// The AWS CLI v1 (botocore) against the HTTP endpoint, as a user would run it:
// https://docs.aws.amazon.com/cli/latest/reference/dynamodb/ (it also validates x-amz-crc32).
describe('AWS CLI against startWireServer', () => {
  let server: WireServer;
  const cli = (...args: string[]): Promise<ClientResult> => awsCli(server.url, ...args);

  beforeAll(async () => {
    ({ server } = await startConformanceServer());
    ok(
      await cli(
        'create-table',
        '--table-name', 'cli-orders',
        '--billing-mode', 'PAY_PER_REQUEST',
        '--attribute-definitions', 'AttributeName=PK,AttributeType=S', 'AttributeName=SK,AttributeType=S',
        '--key-schema', 'AttributeName=PK,KeyType=HASH', 'AttributeName=SK,KeyType=RANGE',
      ),
    );
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  it('describes and lists tables', async () => {
    expect(ok(await cli('describe-table', '--table-name', 'cli-orders')).Table).toMatchObject({ TableName: 'cli-orders', TableStatus: 'ACTIVE', ItemCount: 0 });
    expect(ok(await cli('list-tables'))).toEqual({ TableNames: ['cli-orders'] });
  }, 60_000);

  it('puts, gets, updates, queries, scans and deletes items', async () => {
    ok(await cli('put-item', '--table-name', 'cli-orders', '--item', json({ PK: { S: 'o#1' }, SK: { S: 'meta' }, n: { N: '01.50' } })));
    expect(ok(await cli('get-item', '--table-name', 'cli-orders', '--key', json({ PK: { S: 'o#1' }, SK: { S: 'meta' } }))).Item).toEqual({ PK: { S: 'o#1' }, SK: { S: 'meta' }, n: { N: '1.5' } });
    const updated = await cli(
      'update-item', '--table-name', 'cli-orders', '--key', json({ PK: { S: 'o#1' }, SK: { S: 'meta' } }),
      '--update-expression', 'SET n = n + :one', '--expression-attribute-values', json({ ':one': { N: '1' } }), '--return-values', 'ALL_NEW',
    );
    expect(ok(updated).Attributes).toMatchObject({ n: { N: '2.5' } });
    const queried = await cli('query', '--table-name', 'cli-orders', '--key-condition-expression', 'PK = :pk', '--expression-attribute-values', json({ ':pk': { S: 'o#1' } }));
    expect(ok(queried)).toMatchObject({ Count: 1, ScannedCount: 1 });
    expect(ok(await cli('scan', '--table-name', 'cli-orders', '--filter-expression', 'n > :x', '--expression-attribute-values', json({ ':x': { N: '100' } })))).toMatchObject({ Count: 0, ScannedCount: 1 });
    ok(await cli('delete-item', '--table-name', 'cli-orders', '--key', json({ PK: { S: 'o#1' }, SK: { S: 'meta' } })));
    expect(ok(await cli('get-item', '--table-name', 'cli-orders', '--key', json({ PK: { S: 'o#1' }, SK: { S: 'meta' } })))).toEqual({});
  }, 60_000);

  it('reports AWS error codes and messages', async () => {
    expect(await cli('describe-table', '--table-name', 'nope')).toEqual({ error: { code: 'ResourceNotFoundException', message: 'Requested resource not found: Table: nope not found' } });
    ok(await cli('put-item', '--table-name', 'cli-orders', '--item', json({ PK: { S: 'c' }, SK: { S: 'c' } })));
    expect(await cli('put-item', '--table-name', 'cli-orders', '--item', json({ PK: { S: 'c' }, SK: { S: 'c' } }), '--condition-expression', 'attribute_not_exists(PK)')).toEqual({
      error: { code: 'ConditionalCheckFailedException', message: 'The conditional request failed' },
    });
    expect(await cli('put-item', '--table-name', 'cli-orders', '--item', json({ PK: { S: 'c' } }))).toEqual({
      error: { code: 'ValidationException', message: 'One or more parameter values were invalid: Missing the key SK in the item' },
    });
  }, 60_000);

  it('tags a table by ARN', async () => {
    const arn = 'arn:aws:dynamodb:us-east-1:000000000000:table/cli-orders';
    ok(await cli('tag-resource', '--resource-arn', arn, '--tags', 'Key=team,Value=orders'));
    expect(ok(await cli('list-tags-of-resource', '--resource-arn', arn))).toEqual({ Tags: [{ Key: 'team', Value: 'orders' }] });
  }, 60_000);

  const batch = needs(probe, 'BatchWriteItem', 'BatchGetItem', 'TransactWriteItems');
  it.runIf(batch.ok)(`runs batch-write-item, batch-get-item and transact-write-items${batch.reason}`, async () => {
    const put = (pk: string) => ({ PutRequest: { Item: { PK: { S: pk }, SK: { S: 'b' } } } });
    expect(ok(await cli('batch-write-item', '--request-items', json({ 'cli-orders': [put('b#1'), put('b#2')] })))).toEqual({ UnprocessedItems: {} });
    const got = ok(await cli('batch-get-item', '--request-items', json({ 'cli-orders': { Keys: [{ PK: { S: 'b#1' }, SK: { S: 'b' } }] } })));
    expect(got).toMatchObject({ Responses: { 'cli-orders': [{ PK: { S: 'b#1' } }] } });
    const cancelled = await cli(
      'transact-write-items', '--transact-items',
      json([{ ConditionCheck: { TableName: 'cli-orders', Key: { PK: { S: 'b#1' }, SK: { S: 'b' } }, ConditionExpression: 'attribute_not_exists(PK)' } }]),
    );
    expect(cancelled).toMatchObject({ error: { code: 'TransactionCanceledException', message: expect.stringContaining('[ConditionalCheckFailed]') } });
  }, 60_000);
});
