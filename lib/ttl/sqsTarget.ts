import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { sqsClient } from '../aws/sqsClient';
import { entityTypeAttribute, MAX_BATCH_BYTES, sizeWithEntityType, type FanOutTarget } from './FanOutTarget';

/**
 * Expired entities as SQS messages (SendMessageBatch: ≤ 10 entries, ≤ 256 KB of bodies).
 * The entity type goes in the `entityType` message attribute. Rejected entries come back in `Failed[]`.
 */
export function sqsTarget(options: { queueUrl: string | (() => string) }): FanOutTarget {
  return {
    name: 'sqs',
    maxEntries: 10,
    maxBytes: MAX_BATCH_BYTES,
    sizeOf: sizeWithEntityType,
    async send(entries) {
      const result = await sqsClient().send(
        new SendMessageBatchCommand({
          QueueUrl: typeof options.queueUrl === 'function' ? options.queueUrl() : options.queueUrl,
          Entries: entries.map((entry) => ({ Id: entry.id, MessageBody: entry.body, MessageAttributes: entityTypeAttribute(entry.entityType) })),
        }),
      );
      return (result.Failed ?? []).map((failure) => failure.Id ?? '');
    },
  };
}
