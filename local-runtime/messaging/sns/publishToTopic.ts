import type { MessagingHub } from '../MessagingHub';
import type { SqsMessageAttribute } from '../messageMd5';
import type { LocalSubscription, LocalTopic, SnsMessageAttribute } from './LocalTopic';

/** What one Publish (or PublishBatch entry) carries. */
export interface PublishInput {
  messageId: string;
  message: string;
  subject?: string;
  attributes: Record<string, SnsMessageAttribute>;
  messageGroupId?: string;
  messageDeduplicationId?: string;
}

const typed = (attributes: Record<string, SnsMessageAttribute>) =>
  Object.fromEntries(Object.entries(attributes).map(([name, a]) => [name, { Type: a.DataType, Value: a.StringValue ?? a.BinaryValue ?? '' }]));

/**
 * The notification SNS delivers, as an SQS/HTTP subscriber receives it
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html), or, with
 * `lambdaNames`, the `Sns` object of the Lambda event (whose URL fields are spelled `…Url`).
 */
export function snsNotification(hub: MessagingHub, topic: LocalTopic, subscription: LocalSubscription, input: PublishInput, lambdaNames: boolean): Record<string, unknown> {
  const base = `https://sns.${hub.region}.amazonaws.com`;
  return {
    Type: 'Notification',
    MessageId: input.messageId,
    ...(input.messageGroupId !== undefined && { SequenceNumber: String(Date.now()).padStart(20, '0') }),
    TopicArn: topic.arn,
    ...(lambdaNames ? { Subject: input.subject ?? null } : input.subject !== undefined && { Subject: input.subject }),
    Message: input.message,
    Timestamp: new Date(hub.now).toISOString(),
    SignatureVersion: '1',
    Signature: 'TElEUE9PTC1MT0NBTC1TSUdOQVRVUkU=',
    [lambdaNames ? 'SigningCertUrl' : 'SigningCertURL']: `${base}/SimpleNotificationService-local.pem`,
    [lambdaNames ? 'UnsubscribeUrl' : 'UnsubscribeURL']: `${base}/?Action=Unsubscribe&SubscriptionArn=${subscription.arn}`,
    ...((lambdaNames || Object.keys(input.attributes).length > 0) && { MessageAttributes: typed(input.attributes) }),
  };
}

/**
 * Delivers a published message to every subscription whose filter policy matches: a `lambda`
 * subscription gets an asynchronous invocation with the `sns` event, an `sqs` one the JSON
 * notification (or, with RawMessageDelivery, the message itself and its attributes as SQS
 * message attributes). Other protocols are not delivered locally.
 */
export function publishToTopic(hub: MessagingHub, topic: LocalTopic, input: PublishInput): void {
  for (const subscription of topic.subscriptions) {
    if (subscription.matches !== undefined && !subscription.matches({ message: input.message, attributes: input.attributes })) continue;
    if (subscription.protocol === 'lambda') {
      const key = subscription.functionKey ?? hub.deps.functionKeyOf?.(subscription.endpoint);
      if (key === undefined) continue;
      const record = {
        EventVersion: '1.0',
        EventSubscriptionArn: subscription.arn,
        EventSource: 'aws:sns',
        Sns: snsNotification(hub, topic, subscription, input, true),
      };
      hub.deps.deliverAsync(key, { Records: [record] }, { type: 'sns', source: topic.name });
    } else if (subscription.protocol === 'sqs') {
      const queue = hub.queues.get(subscription.endpoint);
      if (queue === undefined) continue;
      const raw = subscription.attributes['RawMessageDelivery'] === 'true';
      const body = raw ? input.message : JSON.stringify(snsNotification(hub, topic, subscription, input, false));
      const attributes: Record<string, SqsMessageAttribute> = raw ? { ...input.attributes } : {};
      hub.sendToQueue(queue, {
        body,
        ...(Object.keys(attributes).length > 0 && { attributes }),
        ...(queue.fifo && {
          messageGroupId: input.messageGroupId ?? 'default',
          messageDeduplicationId: input.messageDeduplicationId ?? input.messageId,
        }),
      });
    }
  }
}
