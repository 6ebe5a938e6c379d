import { MessagingError } from './errors';
import type { MessagingHub } from './MessagingHub';
import type { QueuedMessage } from './LocalQueue';
import type { SqsMessageAttribute } from './messageMd5';
import type { MessagingWireReply, MessagingWireRequest } from './wireTypes';

type Json = Record<string, unknown>;
const MAX_BATCH = 10;

const OPERATIONS: Record<string, (hub: MessagingHub, input: Json) => Json> = {
  SendMessage: (hub, input) => sendResult(hub.sendToQueue(hub.queue(input['QueueUrl']), messageInput(input))),
  SendMessageBatch: (hub, input) => {
    const queue = hub.queue(input['QueueUrl']);
    const entries = Array.isArray(input['Entries']) ? (input['Entries'] as Json[]) : [];
    if (entries.length === 0) {
      throw new MessagingError('EmptyBatchRequest', 'There should be at least one SendMessageBatchRequestEntry in the request.', 400, 'AWS.SimpleQueueService.EmptyBatchRequest');
    }
    if (entries.length > MAX_BATCH) {
      throw new MessagingError('TooManyEntriesInBatchRequest', `Maximum number of entries per request are ${MAX_BATCH}. You have sent ${entries.length}.`, 400, 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest');
    }
    const seen = new Set<string>();
    for (const entry of entries) {
      const id = String(entry['Id']);
      if (seen.has(id)) throw new MessagingError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`, 400, 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct');
      seen.add(id);
    }
    const Successful: Json[] = [];
    const Failed: Json[] = [];
    for (const entry of entries) {
      try {
        Successful.push({ Id: entry['Id'], ...sendResult(hub.sendToQueue(queue, messageInput(entry))) });
      } catch (error) {
        if (!(error instanceof MessagingError)) throw error;
        Failed.push({ Id: entry['Id'], SenderFault: true, Code: error.queryCode ?? error.type, Message: error.message });
      }
    }
    return { Successful, Failed };
  },
  GetQueueUrl: (hub, input) => {
    const name = String(input['QueueName']);
    for (const queue of hub.queues.values()) if (queue.name === name) return { QueueUrl: queue.url };
    throw new MessagingError('QueueDoesNotExist', 'The specified queue does not exist.', 400, 'AWS.SimpleQueueService.NonExistentQueue');
  },
};

function messageInput(input: Json): Parameters<MessagingHub['sendToQueue']>[1] {
  if (typeof input['MessageBody'] !== 'string' || input['MessageBody'] === '') {
    throw new MessagingError('MissingParameter', 'The request must contain the parameter MessageBody.', 400, 'MissingParameter');
  }
  return {
    body: input['MessageBody'],
    ...(input['MessageAttributes'] !== undefined && { attributes: input['MessageAttributes'] as Record<string, SqsMessageAttribute> }),
    ...(typeof input['DelaySeconds'] === 'number' && { delaySeconds: input['DelaySeconds'] }),
    ...(typeof input['MessageGroupId'] === 'string' && { messageGroupId: input['MessageGroupId'] }),
    ...(typeof input['MessageDeduplicationId'] === 'string' && { messageDeduplicationId: input['MessageDeduplicationId'] }),
  };
}

function sendResult(message: QueuedMessage): Json {
  return {
    MessageId: message.messageId,
    MD5OfMessageBody: message.md5OfBody,
    ...(message.md5OfMessageAttributes !== undefined && { MD5OfMessageAttributes: message.md5OfMessageAttributes }),
    ...(message.sequenceNumber !== undefined && { SequenceNumber: message.sequenceNumber }),
  };
}

/**
 * SQS over the AWS JSON 1.0 protocol (`X-Amz-Target: AmazonSQS.<Operation>`), which
 * @aws-sdk/client-sqs uses: SendMessage, SendMessageBatch, GetQueueUrl. Errors carry
 * `__type: com.amazonaws.sqs#<Type>` and the legacy code in `x-amzn-query-error`.
 */
export function handleSqsRequest(hub: MessagingHub, request: MessagingWireRequest): MessagingWireReply {
  const operation = (request.headers['x-amz-target'] ?? '').replace(/^AmazonSQS\./, '');
  try {
    const handler = OPERATIONS[operation];
    if (handler === undefined) throw new MessagingError('UnsupportedOperation', `Operation ${operation} is not supported by the local SQS.`, 400, 'AWS.SimpleQueueService.UnsupportedOperation');
    const input = JSON.parse(request.body === '' ? '{}' : request.body) as Json;
    return { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: JSON.stringify(handler(hub, input)) };
  } catch (error) {
    if (!(error instanceof MessagingError)) throw error;
    return {
      statusCode: error.statusCode,
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        ...(error.queryCode !== undefined && { 'x-amzn-query-error': `${error.queryCode};Sender` }),
      },
      body: JSON.stringify({ __type: `com.amazonaws.sqs#${error.type}`, message: error.message }),
    };
  }
}
