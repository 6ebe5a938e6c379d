import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { EventBridgeClientConfig } from '@aws-sdk/client-eventbridge';
import type { SNSClientConfig } from '@aws-sdk/client-sns';
import type { SQSClientConfig } from '@aws-sdk/client-sqs';

/**
 * Global key under which a *local* runtime may publish AWS client-config overrides.
 * On AWS nothing sets it, so every client uses the SDK's default configuration.
 */
export const CLIENT_CONFIG_OVERRIDES = Symbol.for('tidepool.aws.clientConfig');

/** Shape of the object stored under {@link CLIENT_CONFIG_OVERRIDES}: one client config per service. */
export interface AwsClientConfigOverrides {
  dynamodb?: DynamoDBClientConfig;
  sqs?: SQSClientConfig;
  sns?: SNSClientConfig;
  eventbridge?: EventBridgeClientConfig;
}

/** The overrides object currently published by a local runtime, if any. */
export function currentOverrides(): AwsClientConfigOverrides | undefined {
  const value = (globalThis as Record<symbol, unknown>)[CLIENT_CONFIG_OVERRIDES];
  return typeof value === 'object' && value !== null ? (value as AwsClientConfigOverrides) : undefined;
}

/**
 * A client getter memoised like every lib/aws factory: one default client when no overrides are
 * published (AWS), otherwise one client per overrides-object identity built from `overrides[key]`.
 */
export function memoisedClient<K extends keyof AwsClientConfigOverrides, C>(
  key: K,
  build: (config: NonNullable<AwsClientConfigOverrides[K]>) => C,
): () => C {
  let defaultClient: C | undefined;
  const overridden = new WeakMap<AwsClientConfigOverrides, C>();
  return () => {
    const overrides = currentOverrides();
    if (overrides === undefined) {
      defaultClient ??= build({} as NonNullable<AwsClientConfigOverrides[K]>);
      return defaultClient;
    }
    let client = overridden.get(overrides);
    if (client === undefined) {
      client = build((overrides[key] ?? {}) as NonNullable<AwsClientConfigOverrides[K]>);
      overridden.set(overrides, client);
    }
    return client;
  };
}
