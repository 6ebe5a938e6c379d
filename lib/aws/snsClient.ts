import { SNSClient } from '@aws-sdk/client-sns';
import { memoisedClient } from './clientOverrides';

/**
 * The shared SNS client. A local runtime may publish `{ sns: SNSClientConfig }` under
 * `Symbol.for('tidepool.aws.clientConfig')`; memoised per overrides object like `documentClient()`.
 */
export const snsClient: () => SNSClient = memoisedClient('sns', (config) => new SNSClient(config));
