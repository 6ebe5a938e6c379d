import { SQSClient } from '@aws-sdk/client-sqs';
import { memoisedClient } from './clientOverrides';

/**
 * The shared SQS client. A local runtime may publish `{ sqs: SQSClientConfig }` under
 * `Symbol.for('tidepool.aws.clientConfig')`; memoised per overrides object like `documentClient()`.
 */
export const sqsClient: () => SQSClient = memoisedClient('sqs', (config) => new SQSClient(config));
