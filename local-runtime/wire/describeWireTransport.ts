import { describe, expect, it } from 'vitest';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

/** What a transport under test provides: a raw client and a way to dispose of it. */
export interface TransportFixture {
  client: DynamoDBClient;
  close(): Promise<void>;
}

const ORDERS = 'orders';

async function createOrdersTable(client: DynamoDBClient): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: ORDERS,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'PK', AttributeType: 'S' },
        { AttributeName: 'SK', AttributeType: 'S' },
        { AttributeName: 'GSI1PK', AttributeType: 'S' },
        { AttributeName: 'GSI1SK', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'GSI1',
          KeySchema: [
            { AttributeName: 'GSI1PK', KeyType: 'HASH' },
            { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
}

/**
 * The one conformance suite every DynamoDB transport must pass, written against the real AWS SDK v3 so it
 * could equally target any DynamoDB endpoint.
 */
export function describeWireTransport(name: string, makeClient: () => Promise<TransportFixture>): void {
  async function withDocs(run: (docs: DynamoDBDocumentClient, client: DynamoDBClient) => Promise<void>): Promise<void> {
    const fixture = await makeClient();
    try {
      await createOrdersTable(fixture.client);
      await run(DynamoDBDocumentClient.from(fixture.client), fixture.client);
    } finally {
      await fixture.close();
    }
  }

  describe(`DynamoDB wire transport: ${name}`, () => {
    it('creates and describes a table with its GSI and stream', async () => {
      await withDocs(async (_docs, client) => {
        const { Table } = await client.send(new DescribeTableCommand({ TableName: ORDERS }));
        expect(Table?.TableStatus).toBe('ACTIVE');
        expect(Table?.CreationDateTime).toBeInstanceOf(Date);
        expect(Table?.GlobalSecondaryIndexes?.[0]?.IndexName).toBe('GSI1');
        expect(Table?.LatestStreamArn).toMatch(/^arn:aws:dynamodb:us-east-1:\d{12}:table\/orders\/stream\/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
      });
    });

    it('puts, gets, updates and deletes through the document client', async () => {
      await withDocs(async (docs) => {
        await docs.send(new PutCommand({ TableName: ORDERS, Item: { PK: 'o#1', SK: 'meta', total: 10.5, tags: new Set(['a']), lines: [{ sku: 'x' }] } }));
        const got = await docs.send(new GetCommand({ TableName: ORDERS, Key: { PK: 'o#1', SK: 'meta' } }));
        expect(got.Item).toEqual({ PK: 'o#1', SK: 'meta', total: 10.5, tags: new Set(['a']), lines: [{ sku: 'x' }] });

        const updated = await docs.send(
          new UpdateCommand({
            TableName: ORDERS,
            Key: { PK: 'o#1', SK: 'meta' },
            UpdateExpression: 'SET #t = #t + :d, #s = :s REMOVE #l[0].sku',
            ExpressionAttributeNames: { '#t': 'total', '#s': 'status', '#l': 'lines' },
            ExpressionAttributeValues: { ':d': 2, ':s': 'PAID' },
            ReturnValues: 'ALL_NEW',
          }),
        );
        expect(updated.Attributes).toMatchObject({ total: 12.5, status: 'PAID', lines: [{}] });

        const deleted = await docs.send(new DeleteCommand({ TableName: ORDERS, Key: { PK: 'o#1', SK: 'meta' }, ReturnValues: 'ALL_OLD' }));
        expect(deleted.Attributes?.status).toBe('PAID');
        expect((await docs.send(new GetCommand({ TableName: ORDERS, Key: { PK: 'o#1', SK: 'meta' } }))).Item).toBeUndefined();
      });
    });

    it('queries a partition in sort order with a key condition and a page limit', async () => {
      await withDocs(async (docs) => {
        for (const sk of ['line#3', 'line#1', 'meta', 'line#2']) await docs.send(new PutCommand({ TableName: ORDERS, Item: { PK: 'o#1', SK: sk } }));
        const page = await docs.send(
          new QueryCommand({
            TableName: ORDERS,
            KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
            ExpressionAttributeValues: { ':pk': 'o#1', ':prefix': 'line#' },
            Limit: 2,
          }),
        );
        expect(page.Items?.map((i) => i.SK)).toEqual(['line#1', 'line#2']);
        const rest = await docs.send(
          new QueryCommand({
            TableName: ORDERS,
            KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
            ExpressionAttributeValues: { ':pk': 'o#1', ':prefix': 'line#' },
            ExclusiveStartKey: page.LastEvaluatedKey,
          }),
        );
        expect(rest.Items?.map((i) => i.SK)).toEqual(['line#3']);
        expect(rest.LastEvaluatedKey).toBeUndefined();
      });
    });

    it('queries a GSI in numeric sort order', async () => {
      await withDocs(async (docs) => {
        for (const [sk, n] of [['a', 10], ['b', 9], ['c', 100]] as const) {
          await docs.send(new PutCommand({ TableName: ORDERS, Item: { PK: `o#${sk}`, SK: 'meta', GSI1PK: 'customer#1', GSI1SK: n } }));
        }
        await docs.send(new PutCommand({ TableName: ORDERS, Item: { PK: 'o#unindexed', SK: 'meta' } }));
        const result = await docs.send(
          new QueryCommand({ TableName: ORDERS, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :c', ExpressionAttributeValues: { ':c': 'customer#1' }, ScanIndexForward: false }),
        );
        expect(result.Items?.map((i) => i.GSI1SK)).toEqual([100, 10, 9]);
      });
    });

    it('surfaces a failed condition as ConditionalCheckFailedException', async () => {
      await withDocs(async (docs) => {
        await docs.send(new PutCommand({ TableName: ORDERS, Item: { PK: 'o#1', SK: 'meta' } }));
        const attempt = docs.send(new PutCommand({ TableName: ORDERS, Item: { PK: 'o#1', SK: 'meta' }, ConditionExpression: 'attribute_not_exists(PK)' }));
        await expect(attempt).rejects.toMatchObject({ name: 'ConditionalCheckFailedException', message: 'The conditional request failed' });
      });
    });

    it('surfaces a missing table as ResourceNotFoundException', async () => {
      await withDocs(async (_docs, client) => {
        const attempt = client.send(new GetItemCommand({ TableName: 'missing', Key: { PK: { S: 'x' } } }));
        await expect(attempt).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Requested resource not found' });
        const describe = client.send(new DescribeTableCommand({ TableName: 'missing' }));
        await expect(describe).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Requested resource not found: Table: missing not found' });
      });
    });

    it('surfaces bad input as ValidationException with AWS wording', async () => {
      await withDocs(async (docs) => {
        const attempt = docs.send(new PutCommand({ TableName: ORDERS, Item: { PK: 'o#1' } }));
        await expect(attempt).rejects.toMatchObject({ name: 'ValidationException', message: 'One or more parameter values were invalid: Missing the key SK in the item' });
      });
    });
  });
}
