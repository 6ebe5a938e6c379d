import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import { Engine } from '../engine/Engine';
import { pkSkKeys } from '../engine/testing/pkSkKeys';
import { boto3 } from './realClients';
import { needs, startConformanceServer } from './withServer';
import type { WireServer } from '../wire/startWireServer';

const TABLE = 'boto-orders';
const createTable = {
  op: 'create_table',
  params: {
    TableName: TABLE,
    BillingMode: 'PAY_PER_REQUEST',
    ...pkSkKeys,
    Tags: [{ Key: 'team', Value: 'orders' }],
  },
};
const ok = (result: unknown): Record<string, unknown> => {
  expect(result).toHaveProperty('ok');
  return (result as { ok: Record<string, unknown> }).ok;
};

// boto3 (botocore) is a second, independent implementation of the DynamoDB JSON protocol, including the
// x-amz-crc32 check: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.LowLevelAPI.html
// Which operations run depends on the engine: probe it once.
const probe = new Engine({ region: 'us-east-1', accountId: '0', clock: new VirtualClock() });

describe('boto3 against startWireServer', () => {
  let server: WireServer;
  beforeAll(async () => {
    ({ server } = await startConformanceServer());
  });
  afterAll(async () => {
    await server.close();
  });

  it('runs the control plane: create, describe, list, tags, TTL, endpoints, limits, delete', async () => {
    const arn = 'arn:aws:dynamodb:us-east-1:000000000000:table/boto-control';
    const results = await boto3(server.url, [
      { ...createTable, params: { ...createTable.params, TableName: 'boto-control' } },
      { op: 'describe_table', params: { TableName: 'boto-control' } },
      { op: 'list_tables', params: { Limit: 1 } },
      { op: 'tag_resource', params: { ResourceArn: arn, Tags: [{ Key: 'env', Value: 'test' }] } },
      { op: 'list_tags_of_resource', params: { ResourceArn: arn } },
      { op: 'untag_resource', params: { ResourceArn: arn, TagKeys: ['team'] } },
      { op: 'list_tags_of_resource', params: { ResourceArn: arn } },
      { op: 'update_time_to_live', params: { TableName: 'boto-control', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' } } },
      { op: 'describe_time_to_live', params: { TableName: 'boto-control' } },
      { op: 'describe_endpoints' },
      { op: 'describe_limits' },
      { op: 'delete_table', params: { TableName: 'boto-control' } },
      { op: 'describe_table', params: { TableName: 'boto-control' } },
      { op: 'list_tables', params: { Limit: 0 } },
    ]);
    expect(ok(results[0]).TableDescription).toMatchObject({ TableName: 'boto-control', TableStatus: 'ACTIVE' });
    expect(ok(results[1]).Table).toMatchObject({ TableArn: arn, ItemCount: 0, BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' } });
    expect(ok(results[2]).TableNames).toHaveLength(1);
    expect(ok(results[4]).Tags).toEqual([{ Key: 'team', Value: 'orders' }, { Key: 'env', Value: 'test' }]);
    expect(ok(results[6]).Tags).toEqual([{ Key: 'env', Value: 'test' }]);
    expect(ok(results[8]).TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
    expect(ok(results[9]).Endpoints).toEqual([{ Address: 'dynamodb.us-east-1.amazonaws.com', CachePeriodInMinutes: 1440 }]);
    expect(ok(results[10])).toMatchObject({ TableMaxReadCapacityUnits: 40000 });
    expect(ok(results[11]).TableDescription).toMatchObject({ TableStatus: 'DELETING' });
    expect(results[12]).toEqual({ error: expect.objectContaining({ code: 'ResourceNotFoundException', message: 'Requested resource not found: Table: boto-control not found' }) });
    // botocore checks Limit ≥ 1 itself before sending.
    expect(results[13]).toEqual({ error: expect.objectContaining({ code: 'ParamValidationError' }) });
  }, 60_000);

  it('runs the data plane: put, get, update, query, scan, delete, binary values, conditions', async () => {
    const results = await boto3(server.url, [
      createTable,
      { op: 'put_item', params: { TableName: TABLE, Item: { PK: { S: 'o#1' }, SK: { S: 'meta' }, total: { N: '10.50' }, blob: { B: 'AAEC' }, tags: { SS: ['a', 'b'] } } } },
      { op: 'put_item', params: { TableName: TABLE, Item: { PK: { S: 'o#1' }, SK: { S: 'line#1' }, qty: { N: '2' } } } },
      { op: 'get_item', params: { TableName: TABLE, Key: { PK: { S: 'o#1' }, SK: { S: 'meta' } } } },
      {
        op: 'update_item',
        params: {
          TableName: TABLE,
          Key: { PK: { S: 'o#1' }, SK: { S: 'meta' } },
          UpdateExpression: 'SET #t = #t + :d ADD tags :t',
          ExpressionAttributeNames: { '#t': 'total' },
          ExpressionAttributeValues: { ':d': { N: '1' }, ':t': { SS: ['c'] } },
          ReturnValues: 'UPDATED_NEW',
        },
      },
      { op: 'query', params: { TableName: TABLE, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :l)', ExpressionAttributeValues: { ':pk': { S: 'o#1' }, ':l': { S: 'line#' } } } },
      { op: 'scan', params: { TableName: TABLE, Select: 'COUNT' } },
      { op: 'put_item', params: { TableName: TABLE, Item: { PK: { S: 'o#1' }, SK: { S: 'meta' } }, ConditionExpression: 'attribute_not_exists(PK)' } },
      { op: 'delete_item', params: { TableName: TABLE, Key: { PK: { S: 'o#1' }, SK: { S: 'line#1' } }, ReturnValues: 'ALL_OLD' } },
      { op: 'get_item', params: { TableName: 'nope', Key: { PK: { S: 'x' } } } },
    ]);
    expect(ok(results[3]).Item).toEqual({ PK: { S: 'o#1' }, SK: { S: 'meta' }, total: { N: '10.5' }, blob: { B: 'AAEC' }, tags: { SS: ['a', 'b'] } });
    const updated = ok(results[4]).Attributes as { total: unknown; tags: { SS: string[] } };
    expect(updated.total).toEqual({ N: '11.5' });
    expect([...updated.tags.SS].sort()).toEqual(['a', 'b', 'c']);
    expect(ok(results[5])).toMatchObject({ Count: 1, Items: [{ SK: { S: 'line#1' } }] });
    expect(ok(results[6])).toMatchObject({ Count: 2, ScannedCount: 2 });
    expect(results[7]).toEqual({ error: expect.objectContaining({ code: 'ConditionalCheckFailedException', message: 'The conditional request failed' }) });
    expect(ok(results[8]).Attributes).toEqual({ PK: { S: 'o#1' }, SK: { S: 'line#1' }, qty: { N: '2' } });
    expect(results[9]).toEqual({ error: expect.objectContaining({ code: 'ResourceNotFoundException' }) });
  }, 60_000);

  const batch = needs(probe, 'BatchWriteItem', 'BatchGetItem');
  it.runIf(batch.ok)(`runs BatchWriteItem and BatchGetItem${batch.reason}`, async () => {
    const results = await boto3(server.url, [
      { ...createTable, params: { ...createTable.params, TableName: 'boto-batch' } },
      {
        op: 'batch_write_item',
        params: { RequestItems: { 'boto-batch': [1, 2, 3].map((i) => ({ PutRequest: { Item: { PK: { S: `b#${i}` }, SK: { S: 'x' } } } })) } },
      },
      { op: 'batch_get_item', params: { RequestItems: { 'boto-batch': { Keys: [1, 3].map((i) => ({ PK: { S: `b#${i}` }, SK: { S: 'x' } })) } } } },
    ]);
    expect(ok(results[1]).UnprocessedItems).toEqual({});
    const got = (ok(results[2]).Responses as Record<string, { PK: { S: string } }[]>)['boto-batch'] ?? [];
    expect(got.map((i) => i.PK.S).sort()).toEqual(['b#1', 'b#3']);
  }, 60_000);

  const transact = needs(probe, 'TransactWriteItems', 'TransactGetItems');
  it.runIf(transact.ok)(`runs TransactWriteItems / TransactGetItems and reports cancellation reasons${transact.reason}`, async () => {
    const key = (pk: string) => ({ PK: { S: pk }, SK: { S: 'x' } });
    const results = await boto3(server.url, [
      { ...createTable, params: { ...createTable.params, TableName: 'boto-tx' } },
      { op: 'transact_write_items', params: { TransactItems: [{ Put: { TableName: 'boto-tx', Item: key('t#1') } }, { Put: { TableName: 'boto-tx', Item: key('t#2') } }] } },
      { op: 'transact_get_items', params: { TransactItems: [{ Get: { TableName: 'boto-tx', Key: key('t#1') } }, { Get: { TableName: 'boto-tx', Key: key('t#9') } }] } },
      {
        op: 'transact_write_items',
        params: {
          TransactItems: [
            { Put: { TableName: 'boto-tx', Item: key('t#3') } },
            { ConditionCheck: { TableName: 'boto-tx', Key: key('t#1'), ConditionExpression: 'attribute_not_exists(PK)' } },
          ],
        },
      },
    ]);
    expect(ok(results[1])).toBeDefined();
    expect(ok(results[2]).Responses).toEqual([{ Item: key('t#1') }, {}]);
    expect(results[3]).toEqual({
      error: expect.objectContaining({
        code: 'TransactionCanceledException',
        message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]',
        reasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }],
      }),
    });
  }, 60_000);
});
