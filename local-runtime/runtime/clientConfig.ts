import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { EventBridgeClientConfig } from '@aws-sdk/client-eventbridge';
import type { SNSClientConfig } from '@aws-sdk/client-sns';
import type { SQSClientConfig } from '@aws-sdk/client-sqs';

/**
 * The seam through which handlers' AWS clients reach the local engine: `lib/aws` reads client
 * config overrides from this global symbol (absent on AWS). The runtime sets it before each
 * invocation, so several runtimes in one process never share a client.
 */
export const CLIENT_CONFIG_SYMBOL = Symbol.for('tidepool.aws.clientConfig');

export interface ClientConfigOverrides {
  dynamodb?: DynamoDBClientConfig;
  sqs?: SQSClientConfig;
  sns?: SNSClientConfig;
  eventbridge?: EventBridgeClientConfig;
}

/** Credentials the local endpoints accept (any are accepted; these just satisfy the SDK). */
export const LOCAL_CREDENTIALS = { accessKeyId: 'tidepool-local', secretAccessKey: 'tidepool-local' } as const;

export function installClientConfig(config: ClientConfigOverrides): void {
  (globalThis as Record<symbol, unknown>)[CLIENT_CONFIG_SYMBOL] = config;
}
