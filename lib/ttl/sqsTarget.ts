import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { sqsClient } from '../aws/sqsClient';
import { bytes, MAX_BATCH_BYTES, type FanOutTarget } from './FanOutTarget';

/**
 * Expired entities as SQS messages (SendMessageBatch: ≤ 10 entries, ≤ 256 KB of bodies).
 * The entity type goes in the `entityType` message attribute. Rejected entries come back in `Failed[]`.
 */
export function sqsTarget(options: { queueUrl: string | (() => string) }): FanOutTarget {
  const entityTypeAttribute = (type: string) => ({ entityType: { DataType: 'String', StringValue: type } });
  return {
    name: 'sqs',
    maxEntries: 10,
    maxBytes: MAX_BATCH_BYTES,
    sizeOf: (entry) => bytes(entry.body) + bytes('entityType') + bytes('String') + bytes(entry.entityType),
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
