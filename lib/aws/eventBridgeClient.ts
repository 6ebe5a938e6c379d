import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { memoisedClient } from './clientOverrides';

/**
 * The shared EventBridge client. A local runtime may publish `{ eventbridge: EventBridgeClientConfig }`
 * under `Symbol.for('tidepool.aws.clientConfig')`; memoised per overrides object like `documentClient()`.
 */
export const eventBridgeClient: () => EventBridgeClient = memoisedClient('eventbridge', (config) => new EventBridgeClient(config));
