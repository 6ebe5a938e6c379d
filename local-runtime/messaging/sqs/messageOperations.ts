import { RealClock } from '../../clock/Clock';
import { MessagingError } from '../errors';
import type { LocalQueue, QueuedMessage } from '../LocalQueue';
import { md5OfAttributes, type SqsMessageAttribute } from '../messageMd5';
import type { MessagingHub } from '../MessagingHub';
import { batchEntries, optionalInt, perEntry, requiredString, type Json } from './sqsInput';

const SENDER_ID = 'AIDATIDEPOOLLOCAL0000';
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html (allowed characters)
const INVALID_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
// The sum of the batched bodies (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html).
const MAX_BATCH_BYTES = 1_048_576;

function messageAttributes(raw: unknown): Record<string, SqsMessageAttribute> | undefined {
  if (raw === undefined || raw === null) return undefined;
  const attributes = raw as Record<string, SqsMessageAttribute>;
  const names = Object.keys(attributes);
  if (names.length > 10) throw new MessagingError('InvalidParameterValue', 'Number of message attributes [' + names.length + '] exceeds the allowed maximum [10].', 400, 'InvalidParameterValue');
  for (const name of names) {
    const a = attributes[name]!;
    if (!/^(String|Number|Binary)(\..+)?$/.test(a.DataType ?? '')) {
      throw new MessagingError('InvalidParameterValue', `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`, 400, 'InvalidParameterValue');
    }
    const binary = a.DataType.startsWith('Binary');
    if ((binary ? a.BinaryValue : a.StringValue) === undefined || (binary ? a.BinaryValue : a.StringValue) === '') {
      throw new MessagingError('InvalidParameterValue', `Message (user) attribute '${name}' must contain a non-empty value of type '${binary ? 'Binary' : 'String'}'.`, 400, 'InvalidParameterValue');
    }
    if (a.DataType.startsWith('Number') && !Number.isFinite(Number(a.StringValue))) {
      throw new MessagingError('InvalidParameterValue', `Can't cast the value of message (user) attribute '${name}' to a number.`, 400, 'InvalidParameterValue');
    }
  }
  return names.length > 0 ? attributes : undefined;
}

/** The send input of a SendMessage request or batch entry, validated. */
export function sendInput(input: Json): Parameters<MessagingHub['sendToQueue']>[1] {
  const body = requiredString(input, 'MessageBody');
  const bad = INVALID_CHARACTER.exec(body);
  if (bad !== null) {
    const code = `#x${bad[0].codePointAt(0)!.toString(16).toUpperCase()}`;
    throw new MessagingError('InvalidMessageContents', `Invalid binary character '${code}' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF`, 400, 'InvalidMessageContents');
  }
  const delay = optionalInt(input, 'DelaySeconds', 0, 900, 'DelaySeconds must be >= 0 and <= 900');
  const attributes = messageAttributes(input['MessageAttributes']);
  return {
    body,
    ...(attributes !== undefined && { attributes }),
    ...(delay !== undefined && { delaySeconds: delay }),
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

/** The system attributes of a received message, as ReceiveMessage names them. */
function systemAttributes(m: QueuedMessage): Record<string, string> {
  return {
    SenderId: SENDER_ID,
    SentTimestamp: String(m.sentTimestamp),
    ApproximateReceiveCount: String(m.receiveCount),
    ApproximateFirstReceiveTimestamp: String(m.firstReceiveTimestamp ?? m.sentTimestamp),
    ...(m.messageGroupId !== undefined && { MessageGroupId: m.messageGroupId }),
    ...(m.messageDeduplicationId !== undefined && { MessageDeduplicationId: m.messageDeduplicationId }),
    ...(m.sequenceNumber !== undefined && { SequenceNumber: m.sequenceNumber }),
    ...(m.deadLetterQueueSourceArn !== undefined && { DeadLetterQueueSourceArn: m.deadLetterQueueSourceArn }),
  };
}

function received(m: QueuedMessage, systemNames: string[], attributeNames: string[]): Json {
  const system = systemAttributes(m);
  const pickedSystem = systemNames.includes('All') ? system : Object.fromEntries(Object.entries(system).filter(([k]) => systemNames.includes(k)));
  const wanted = (name: string) => attributeNames.some((p) => p === 'All' || p === '.*' || p === name || (p.endsWith('.*') && name.startsWith(p.slice(0, -1))));
  const user = Object.fromEntries(Object.entries(m.messageAttributes).filter(([name]) => wanted(name)));
  const md5 = md5OfAttributes(user);
  return {
    MessageId: m.messageId,
    ReceiptHandle: m.receiptHandle,
    MD5OfBody: m.md5OfBody,
    Body: m.body,
    ...(Object.keys(pickedSystem).length > 0 && { Attributes: pickedSystem }),
    ...(md5 !== undefined && { MD5OfMessageAttributes: md5, MessageAttributes: user }),
  };
}

/**
 * ReceiveMessage (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html):
 * up to MaxNumberOfMessages (1-10), hidden for VisibilityTimeout; with WaitTimeSeconds (or the
 * queue's ReceiveMessageWaitTimeSeconds) it waits for a message that long, on the runtime clock
 * or the wall clock, whichever passes the deadline first.
 */
async function receiveMessage(hub: MessagingHub, input: Json): Promise<Json> {
  const queue = hub.queue(input['QueueUrl']);
  const max = optionalInt(input, 'MaxNumberOfMessages', 1, 10, 'Must be between 1 and 10, if provided.') ?? 1;
  const visibility = optionalInt(input, 'VisibilityTimeout', 0, 43_200, 'Must be >= 0 and <= 43200, if provided.');
  const wait = optionalInt(input, 'WaitTimeSeconds', 0, 20, 'Must be >= 0 and <= 20, if provided.') ?? Number(queue.attributes['ReceiveMessageWaitTimeSeconds'] ?? 0);
  const systemNames = [...((input['AttributeNames'] ?? []) as string[]), ...((input['MessageSystemAttributeNames'] ?? []) as string[])];
  const attributeNames = (input['MessageAttributeNames'] ?? []) as string[];
  const deadline = hub.now + wait * 1000;
  // A virtual clock only moves when a test moves it: there a long poll also ends after 1 real second.
  const wallDeadline = Date.now() + (hub.deps.clock instanceof RealClock ? wait * 1000 : Math.min(wait * 1000, 1000));
  for (;;) {
    const messages = queue.receive(max, hub.now, false, visibility);
    if (messages.length > 0 || wait === 0 || hub.now >= deadline || Date.now() >= wallDeadline || !hub.queues.has(queue.arn)) {
      return messages.length > 0 ? { Messages: messages.map((m) => received(m, systemNames, attributeNames)) } : {};
    }
    await waitForChange(queue, Math.min(50, wallDeadline - Date.now()));
  }
}

function waitForChange(queue: LocalQueue, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, Math.max(ms, 0));
    timer.unref();
    void queue.changed().then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function deleteMessage(queue: LocalQueue, handle: unknown): void {
  const message = queue.byReceiptHandle(handle);
  if (message !== undefined) queue.delete(message.messageId);
}

/** SQS's message operations. */
export const MESSAGE_OPERATIONS: Record<string, (hub: MessagingHub, input: Json) => Json | Promise<Json>> = {
  SendMessage: (hub, input) => sendResult(hub.sendToQueue(hub.queue(input['QueueUrl']), sendInput(input))),
  SendMessageBatch: (hub, input) => {
    const queue = hub.queue(input['QueueUrl']);
    const entries = batchEntries(input, 'SendMessageBatchRequestEntry');
    const bytes = entries.reduce((sum, e) => sum + Buffer.byteLength(String(e['MessageBody'] ?? '')), 0);
    if (bytes > MAX_BATCH_BYTES) {
      throw new MessagingError('BatchRequestTooLong', `Batch requests cannot be longer than ${MAX_BATCH_BYTES} bytes. You have sent ${bytes} bytes.`, 400, 'AWS.SimpleQueueService.BatchRequestTooLong');
    }
    return perEntry(entries, (entry) => sendResult(hub.sendToQueue(queue, sendInput(entry))));
  },
  ReceiveMessage: receiveMessage,
  DeleteMessage: (hub, input) => {
    deleteMessage(hub.queue(input['QueueUrl']), requiredString(input, 'ReceiptHandle'));
    return {};
  },
  DeleteMessageBatch: (hub, input) => {
    const queue = hub.queue(input['QueueUrl']);
    return perEntry(batchEntries(input, 'DeleteMessageBatchRequestEntry'), (entry) => {
      deleteMessage(queue, entry['ReceiptHandle']);
      return {};
    });
  },
  ChangeMessageVisibility: (hub, input) => {
    const queue = hub.queue(input['QueueUrl']);
    const seconds = optionalInt(input, 'VisibilityTimeout', 0, 43_200, 'Must be >= 0 and <= 43200, if provided.') ?? 0;
    queue.changeVisibility(requiredString(input, 'ReceiptHandle'), seconds, hub.now);
    return {};
  },
  ChangeMessageVisibilityBatch: (hub, input) => {
    const queue = hub.queue(input['QueueUrl']);
    return perEntry(batchEntries(input, 'ChangeMessageVisibilityBatchRequestEntry'), (entry) => {
      const seconds = optionalInt(entry, 'VisibilityTimeout', 0, 43_200, 'Must be >= 0 and <= 43200, if provided.') ?? 0;
      queue.changeVisibility(entry['ReceiptHandle'], seconds, hub.now);
      return {};
    });
  },
};
