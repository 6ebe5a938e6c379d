import type { LocalQueue, QueuedMessage } from './LocalQueue';

/** The sender id local messages carry (an IAM user id shape). */
const LOCAL_SENDER_ID = 'AIDATIDEPOOLLOCAL0000';

/**
 * The event Lambda's SQS event source mapping sends
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html#example-standard-queue-message-event).
 */
export function toSqsEvent(queue: LocalQueue, messages: QueuedMessage[], region: string): { Records: unknown[] } {
  return {
    Records: messages.map((m) => ({
      messageId: m.messageId,
      receiptHandle: Buffer.from(`${m.messageId}#${m.receiveCount}`).toString('base64'),
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: String(m.sentTimestamp),
        ...(m.sequenceNumber !== undefined && { SequenceNumber: m.sequenceNumber }),
        ...(m.messageGroupId !== undefined && { MessageGroupId: m.messageGroupId }),
        SenderId: LOCAL_SENDER_ID,
        ...(m.messageDeduplicationId !== undefined && { MessageDeduplicationId: m.messageDeduplicationId }),
        ApproximateFirstReceiveTimestamp: String(m.firstReceiveTimestamp ?? m.sentTimestamp),
      },
      messageAttributes: Object.fromEntries(
        Object.entries(m.messageAttributes).map(([name, a]) => [name, {
          ...(a.StringValue !== undefined && { stringValue: a.StringValue }),
          ...(a.BinaryValue !== undefined && { binaryValue: a.BinaryValue }),
          stringListValues: a.StringListValues ?? [],
          binaryListValues: a.BinaryListValues ?? [],
          dataType: a.DataType,
        }]),
      ),
      md5OfBody: m.md5OfBody,
      ...(m.md5OfMessageAttributes !== undefined && { md5OfMessageAttributes: m.md5OfMessageAttributes }),
      eventSource: 'aws:sqs',
      eventSourceARN: queue.arn,
      awsRegion: region,
    })),
  };
}
