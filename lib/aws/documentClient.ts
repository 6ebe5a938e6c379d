import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Global key under which a *local* runtime may publish AWS client-config overrides.
 * On AWS nothing sets it, so every client uses the SDK's default configuration.
 */
export const CLIENT_CONFIG_OVERRIDES = Symbol.for('tidepool.aws.clientConfig');

/** Shape of the object stored under {@link CLIENT_CONFIG_OVERRIDES}. */
export interface AwsClientConfigOverrides {
  dynamodb?: DynamoDBClientConfig;
}

let defaultClient: DynamoDBDocumentClient | undefined;
const overriddenClients = new WeakMap<AwsClientConfigOverrides, DynamoDBDocumentClient>();

function build(config: DynamoDBClientConfig): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

function currentOverrides(): AwsClientConfigOverrides | undefined {
  const value = (globalThis as Record<symbol, unknown>)[CLIENT_CONFIG_OVERRIDES];
  return typeof value === 'object' && value !== null ? (value as AwsClientConfigOverrides) : undefined;
}

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
export function documentClient(): DynamoDBDocumentClient {
  const overrides = currentOverrides();
  if (overrides === undefined) {
    defaultClient ??= build({});
    return defaultClient;
  }
  let client = overriddenClients.get(overrides);
  if (client === undefined) {
    client = build(overrides.dynamodb ?? {});
    overriddenClients.set(overrides, client);
  }
  return client;
}
