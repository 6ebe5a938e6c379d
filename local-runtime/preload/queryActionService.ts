import type { AwsServiceRequest } from './AwsServiceHandler';

/** Query-protocol actions that only one emulated service has (an unsigned request names no service otherwise). */
const SQS_ACTIONS = new Set([
  'CreateQueue', 'DeleteQueue', 'ListQueues', 'GetQueueUrl', 'GetQueueAttributes', 'SetQueueAttributes', 'SendMessage', 'SendMessageBatch',
  'ReceiveMessage', 'DeleteMessage', 'DeleteMessageBatch', 'ChangeMessageVisibility', 'ChangeMessageVisibilityBatch', 'PurgeQueue',
  'TagQueue', 'UntagQueue', 'ListQueueTags', 'ListDeadLetterSourceQueues',
]);
const SNS_ACTIONS = new Set([
  'CreateTopic', 'DeleteTopic', 'ListTopics', 'GetTopicAttributes', 'SetTopicAttributes', 'Subscribe', 'Unsubscribe', 'ListSubscriptions',
  'ListSubscriptionsByTopic', 'GetSubscriptionAttributes', 'SetSubscriptionAttributes', 'Publish', 'PublishBatch',
]);

/**
 * The service of a Query request (`Action=SendMessage` → `sqs`, `Action=Publish` → `sns`) that has
 * no AWS host, X-Amz-Target or SigV4 scope (an unsigned request, `curl`); undefined otherwise.
 */
export function queryActionService(request: AwsServiceRequest): string | undefined {
  const type = request.headers['content-type'] ?? '';
  const form = type.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(request.body.toString('utf8')) : undefined;
  const action = form?.get('Action') ?? new URL(request.path, 'http://local').searchParams.get('Action');
  if (action === null || action === undefined) return undefined;
  if (SQS_ACTIONS.has(action)) return 'sqs';
  if (SNS_ACTIONS.has(action)) return 'sns';
  return undefined;
}
