import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../Engine';

// DeleteTable answers a short description: LocalStack's snapshot recorded against AWS
// (tests/aws/services/dynamodb/test_dynamodb.snapshot.json, "delete-table") and dynalite's test/deleteTable.js (no indexes);
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteTable.html.
describe('DeleteTable description', () => {
  it('is DELETING with counts, throughput and identity only', async () => {
    const engine = new Engine({ region: 'us-east-1', accountId: '111111111111', clock: new VirtualClock(Date.UTC(2026, 0, 1)) });
    const created = (await engine.execute('CreateTable', {
      TableName: 'doomed',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'g', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      GlobalSecondaryIndexes: [{ IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' }, ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
    })) as { TableDescription: { TableId: string } };
    await engine.execute('PutItem', { TableName: 'doomed', Item: { id: { S: 'a' } } });
    const deleted = await engine.execute('DeleteTable', { TableName: 'doomed' });
    expect(deleted).toEqual({
      TableDescription: {
        TableName: 'doomed',
        TableStatus: 'DELETING',
        ProvisionedThroughput: { NumberOfDecreasesToday: 0, ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
        TableSizeBytes: 3,
        ItemCount: 1,
        TableArn: 'arn:aws:dynamodb:us-east-1:111111111111:table/doomed',
        TableId: created.TableDescription.TableId,
        DeletionProtectionEnabled: false,
      },
    });
  });

  it('keeps the billing mode summary of an on-demand table', async () => {
    const engine = new Engine({ region: 'us-east-1', accountId: '111111111111', clock: new VirtualClock(Date.UTC(2026, 0, 1)) });
    await engine.execute('CreateTable', { TableName: 'ondemand', BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] });
    const deleted = (await engine.execute('DeleteTable', { TableName: 'ondemand' })) as { TableDescription: Record<string, unknown> };
    expect(deleted.TableDescription.BillingModeSummary).toMatchObject({ BillingMode: 'PAY_PER_REQUEST' });
    expect(deleted.TableDescription.KeySchema).toBeUndefined();
  });
});
