import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const layers = new WeakMap<DynamoDBClient, Map<string, DynamoDBPersistenceLayer>>();

/**
 * The Powertools DynamoDB persistence layer for `tableName`, built on `client` (our
 * `dynamoDbClient()` seam, so a local runtime serves it from its engine). One per client and table.
 */
export function idempotencyStore(client: DynamoDBClient, tableName: string): DynamoDBPersistenceLayer {
  let byTable = layers.get(client);
  if (byTable === undefined) {
    byTable = new Map();
    layers.set(client, byTable);
  }
  let layer = byTable.get(tableName);
  if (layer === undefined) {
    layer = new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: client });
    byTable.set(tableName, layer);
  }
  return layer;
}
