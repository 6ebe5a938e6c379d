import { PublishBatchCommand } from '@aws-sdk/client-sns';
import { snsClient } from '../aws/snsClient';
import { entityTypeAttribute, MAX_BATCH_BYTES, sizeWithEntityType, type FanOutTarget } from './FanOutTarget';

/**
 * Expired entities as SNS messages (PublishBatch: ≤ 10 entries, ≤ 256 KB in total). The entity
 * type goes in the `entityType` message attribute (usable in subscription filter policies).
 * Rejected entries come back in `Failed[]`.
 */
export function snsTarget(options: { topicArn: string | (() => string) }): FanOutTarget {
  return {
    name: 'sns',
    maxEntries: 10,
    maxBytes: MAX_BATCH_BYTES,
    sizeOf: sizeWithEntityType,
    async send(entries) {
      const result = await snsClient().send(
        new PublishBatchCommand({
          TopicArn: typeof options.topicArn === 'function' ? options.topicArn() : options.topicArn,
          PublishBatchRequestEntries: entries.map((entry) => ({
            Id: entry.id,
            Message: entry.body,
            MessageAttributes: entityTypeAttribute(entry.entityType),
          })),
        }),
      );
      return (result.Failed ?? []).map((failure) => failure.Id ?? '');
    },
  };
}
