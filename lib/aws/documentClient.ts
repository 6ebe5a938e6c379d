import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { memoisedClient } from './clientOverrides';

export { CLIENT_CONFIG_OVERRIDES, type AwsClientConfigOverrides } from './clientOverrides';

/**
 * The shared low-level DynamoDB client (for libraries that need a `DynamoDBClient`, such as the
 * Powertools idempotency persistence layer). Same override seam and memoisation as {@link documentClient}.
 */
export const dynamoDbClient: () => DynamoDBClient = memoisedClient('dynamodb', (config) => new DynamoDBClient(config));

/**
 * The shared DynamoDB document client (undefined values are removed when marshalling).
 *
 * Seam for local runtimes: if `globalThis[Symbol.for('tidepool.aws.clientConfig')]` holds
 * `{ dynamodb?: DynamoDBClientConfig }`, that config is used instead of the default
 * (typically a `requestHandler` that serves requests in process). Clients are memoised per
 * overrides-object identity, so replacing the object (another runtime in the same process)
 * yields a new client, while the same object always yields the same client. On AWS the key
 * is absent and one default client is shared by every caller in the execution environment.
 *
 * @example
 * const { Item } = await documentClient().send(new GetCommand({ TableName, Key }));
 */
export const documentClient: () => DynamoDBDocumentClient = memoisedClient('dynamodb', () =>
  DynamoDBDocumentClient.from(dynamoDbClient(), { marshallOptions: { removeUndefinedValues: true } }),
);
