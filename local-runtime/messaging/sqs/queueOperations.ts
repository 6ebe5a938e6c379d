import { MessagingError } from '../errors';
import type { LocalQueue } from '../LocalQueue';
import type { MessagingHub } from '../MessagingHub';
import { COMPUTED_ATTRIBUTES, SETTABLE_ATTRIBUTES, validateQueueAttributes } from './queueAttributes';
import { requiredString, type Json } from './sqsInput';

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const PURGE_INTERVAL_MS = 60_000;

/** GetQueueAttributes' values for the names asked (`All` for every one). */
export function queueAttributeValues(hub: MessagingHub, queue: LocalQueue, names: string[]): Record<string, string> {
  const counts = queue.counts(hub.now);
  const computed: Record<string, string> = {
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
    LastModifiedTimestamp: String(Math.floor(queue.lastModifiedAt / 1000)),
    QueueArn: queue.arn,
  };
  const all = { ...queue.attributes, ...computed };
  if (names.includes('All')) return all;
  const out: Record<string, string> = {};
  for (const name of names) {
    if (!(name in SETTABLE_ATTRIBUTES) && !(COMPUTED_ATTRIBUTES as readonly string[]).includes(name)) {
      throw new MessagingError('InvalidAttributeName', `Unknown Attribute ${name}.`, 400, 'InvalidAttributeName');
    }
    if (all[name] !== undefined) out[name] = all[name];
  }
  return out;
}

function checkRedriveTarget(hub: MessagingHub, queue: { fifo: boolean }, attributes: Record<string, string>): void {
  const raw = attributes['RedrivePolicy'];
  if (raw === undefined || raw === '') return;
  const target = String((JSON.parse(raw) as Json)['deadLetterTargetArn']);
  const dlq = hub.queues.get(target);
  if (dlq === undefined || dlq.fifo !== queue.fifo) {
    throw new MessagingError('InvalidParameterValue', `Value ${raw} for parameter RedrivePolicy is invalid. Reason: Dead-letter target does not exist or is not a ${queue.fifo ? 'FIFO' : 'standard'} queue.`, 400, 'InvalidParameterValue');
  }
}

/** SQS's queue-level operations (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_Operations.html). */
export const QUEUE_OPERATIONS: Record<string, (hub: MessagingHub, input: Json) => Json> = {
  CreateQueue: (hub, input) => {
    const name = requiredString(input, 'QueueName');
    const fifo = name.endsWith('.fifo');
    const base = fifo ? name.slice(0, -5) : name;
    const given = (input['Attributes'] ?? {}) as Record<string, unknown>;
    if (!QUEUE_NAME.test(base) || (String(given['FifoQueue']) === 'true') !== fifo && given['FifoQueue'] !== undefined) {
      throw new MessagingError('InvalidParameterValue', 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length', 400, 'InvalidParameterValue');
    }
    const attributes = validateQueueAttributes(given, { fifo, create: true });
    const existing = hub.queueList().find((q) => q.name === name);
    if (existing !== undefined) {
      for (const [key, value] of Object.entries(attributes)) {
        if (existing.attributes[key] !== value) {
          throw new MessagingError('QueueNameExists', `A queue already exists with the same name and a different value for attribute ${key}`, 400, 'QueueAlreadyExists');
        }
      }
      return { QueueUrl: existing.url };
    }
    checkRedriveTarget(hub, { fifo }, attributes);
    const queue = hub.createQueue(name, attributes);
    // JSON names CreateQueue's tags `tags`; the Query protocol's `Tag.N` arrive as `Tags`.
    Object.assign(queue.tags, (input['tags'] ?? input['Tags'] ?? {}) as Record<string, string>);
    return { QueueUrl: queue.url };
  },
  DeleteQueue: (hub, input) => {
    hub.deleteQueue(hub.queue(input['QueueUrl']));
    return {};
  },
  ListQueues: (hub, input) => {
    const prefix = typeof input['QueueNamePrefix'] === 'string' ? input['QueueNamePrefix'] : '';
    const max = typeof input['MaxResults'] === 'number' ? input['MaxResults'] : 1000;
    const start = typeof input['NextToken'] === 'string' ? Number(Buffer.from(input['NextToken'], 'base64').toString()) : 0;
    const urls = hub.queueList().filter((q) => q.name.startsWith(prefix)).map((q) => q.url).sort();
    const page = urls.slice(start, start + max);
    const more = input['MaxResults'] !== undefined && start + max < urls.length;
    return { ...(page.length > 0 && { QueueUrls: page }), ...(more && { NextToken: Buffer.from(String(start + max)).toString('base64') }) };
  },
  GetQueueUrl: (hub, input) => {
    const name = requiredString(input, 'QueueName');
    const queue = hub.queueList().find((q) => q.name === name);
    if (queue === undefined) throw new MessagingError('QueueDoesNotExist', 'The specified queue does not exist.', 400, 'AWS.SimpleQueueService.NonExistentQueue');
    return { QueueUrl: queue.url };
  },
  GetQueueAttributes: (hub, input) => {
    const queue = hub.queue(input['QueueUrl']);
    const names = Array.isArray(input['AttributeNames']) ? (input['AttributeNames'] as string[]) : [];
    const attributes = queueAttributeValues(hub, queue, names);
    return Object.keys(attributes).length > 0 ? { Attributes: attributes } : {};
  },
  SetQueueAttributes: (hub, input) => {
    const queue = hub.queue(input['QueueUrl']);
    const attributes = validateQueueAttributes((input['Attributes'] ?? {}) as Record<string, unknown>, { fifo: queue.fifo, create: false });
    checkRedriveTarget(hub, queue, attributes);
    Object.assign(queue.attributes, attributes);
    queue.lastModifiedAt = hub.now;
    return {};
  },
  PurgeQueue: (hub, input) => {
    const queue = hub.queue(input['QueueUrl']);
    if (queue.lastPurgeAt !== undefined && hub.now - queue.lastPurgeAt < PURGE_INTERVAL_MS) {
      throw new MessagingError('PurgeQueueInProgress', `Only one PurgeQueue operation on ${queue.name} is allowed every 60 seconds.`, 403, 'AWS.SimpleQueueService.PurgeQueueInProgress');
    }
    queue.purge(hub.now);
    return {};
  },
  TagQueue: (hub, input) => {
    Object.assign(hub.queue(input['QueueUrl']).tags, (input['Tags'] ?? {}) as Record<string, string>);
    return {};
  },
  UntagQueue: (hub, input) => {
    const queue = hub.queue(input['QueueUrl']);
    for (const key of (input['TagKeys'] ?? []) as string[]) delete queue.tags[key];
    return {};
  },
  ListQueueTags: (hub, input) => {
    const tags = hub.queue(input['QueueUrl']).tags;
    return Object.keys(tags).length > 0 ? { Tags: { ...tags } } : {};
  },
  ListDeadLetterSourceQueues: (hub, input) => {
    const target = hub.queue(input['QueueUrl']);
    return { queueUrls: hub.queueList().filter((q) => q.redrive?.deadLetterTargetArn === target.arn).map((q) => q.url) };
  },
};
