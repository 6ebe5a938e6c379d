import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock/Clock';
import { MessagingError } from './errors';
import { LocalQueue, type QueuedMessage } from './LocalQueue';
import type { SqsMessageAttribute } from './messageMd5';
import type { LocalBus, PutEventsEntry } from './eventbridge/LocalBus';
import { routeEvent } from './eventbridge/routeEvent';
import type { LocalTopic, SnsMessageAttribute } from './sns/LocalTopic';
import { publishToTopic } from './sns/publishToTopic';
import { Scheduler } from './schedules/Scheduler';

export type { LocalBus, LocalRule, PutEventsEntry } from './eventbridge/LocalBus';
export type { LocalSubscription, LocalTopic, SnsMessageAttribute } from './sns/LocalTopic';

/** What the hub records for every message sent to a queue, topic or bus. */
export interface SentMessage {
  service: 'sqs' | 'sns' | 'eventbridge';
  /** Queue / topic / bus ARN. */
  destinationArn: string;
  /** Queue, topic or bus name. */
  name: string;
  logicalId: string | undefined;
  messageId: string;
  /** Body (SQS), Message (SNS) or the full EventBridge event as JSON. */
  body: string;
  attributes?: Record<string, unknown>;
  sentAt: number;
}

/** What the hub needs from the runtime. */
export interface MessagingHubDeps {
  clock: Clock;
  region: string;
  accountId: string;
  onSent: (message: SentMessage) => void;
  /** Hands an asynchronous invocation of a function to Lambda's async queue. */
  deliverAsync: (functionKey: string, event: unknown, trigger: { type: string; source: string }) => void;
  /** The function key a Lambda ARN or function name names (undefined when not a local function). */
  functionKeyOf?: (arnOrName: string) => string | undefined;
}

/** Message attributes count toward the message size: name, type and value bytes. */
function attributesSize(attributes: Record<string, SqsMessageAttribute>): number {
  let bytes = 0;
  for (const [name, a] of Object.entries(attributes)) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(a.DataType);
    bytes += a.BinaryValue !== undefined ? Buffer.from(a.BinaryValue, 'base64').length : Buffer.byteLength(a.StringValue ?? '');
  }
  return bytes;
}

const noQueue = () => new MessagingError('QueueDoesNotExist', 'The specified queue does not exist.', 400, 'AWS.SimpleQueueService.NonExistentQueue');

/**
 * The local SQS queues, SNS topics and EventBridge buses: what the protocol handlers call. Every
 * accepted message is recorded (`onSent`); deliveries to functions from topics, rules and
 * schedules are handed to `deliverAsync` (run later, by `runtime.drain()` or the pump), queue
 * messages wait for a consumer (an event source mapping or ReceiveMessage).
 */
export class MessagingHub {
  readonly queues = new Map<string, LocalQueue>();
  readonly topics = new Map<string, LocalTopic>();
  readonly buses = new Map<string, LocalBus>();
  /** Schedules on the runtime clock (scheduled rules, `schedule` events, Scheduler schedules). */
  readonly scheduler: Scheduler;

  constructor(readonly deps: MessagingHubDeps) {
    this.scheduler = new Scheduler(deps.clock);
  }

  get region(): string {
    return this.deps.region;
  }

  get accountId(): string {
    return this.deps.accountId;
  }

  get now(): number {
    return this.deps.clock.now();
  }

  /** Registers a queue under its URL and ARN. */
  addQueue(queue: LocalQueue): void {
    this.queues.set(queue.url, queue);
    this.queues.set(queue.arn, queue);
    queue.onDeadLetter = (message) => this.#deadLetter(queue, message);
  }

  /** A new queue's URL and ARN, in AWS's shape. */
  queueIdentity(name: string): { arn: string; url: string } {
    const { region, accountId } = this.deps;
    return { arn: `arn:aws:sqs:${region}:${accountId}:${name}`, url: `https://sqs.${region}.amazonaws.com/${accountId}/${name}` };
  }

  /** Creates a queue at run time (CreateQueue). */
  createQueue(name: string, attributes: Record<string, string>): LocalQueue {
    const { arn, url } = this.queueIdentity(name);
    const queue = new LocalQueue(undefined, name, arn, url, attributes, this.now);
    this.addQueue(queue);
    return queue;
  }

  deleteQueue(queue: LocalQueue): void {
    this.queues.delete(queue.url);
    this.queues.delete(queue.arn);
  }

  /** Every queue once. */
  queueList(): LocalQueue[] {
    return [...new Set(this.queues.values())];
  }

  /** The queue for a URL (any host: the local endpoint's or AWS's) or ARN, or SQS's `QueueDoesNotExist`. */
  queue(urlOrArn: unknown): LocalQueue {
    if (typeof urlOrArn !== 'string') throw noQueue();
    const queue = this.queues.get(urlOrArn) ?? this.#byUrlPath(urlOrArn);
    if (queue === undefined) throw noQueue();
    return queue;
  }

  /** `http://127.0.0.1:4566/000000000000/jobs` names the same queue as its AWS URL. */
  #byUrlPath(url: string): LocalQueue | undefined {
    const [account, name] = url.replace(/^[a-z]+:\/\/[^/]+/, '').replace(/^\//, '').split('/');
    if (name === undefined || account !== this.deps.accountId) return undefined;
    return this.queueList().find((q) => q.name === name);
  }

  sendToQueue(queue: LocalQueue, input: {
    body: string;
    attributes?: Record<string, SqsMessageAttribute>;
    delaySeconds?: number;
    messageGroupId?: string;
    messageDeduplicationId?: string;
  }): QueuedMessage {
    const size = Buffer.byteLength(input.body, 'utf8') + attributesSize(input.attributes ?? {});
    if (size > queue.maximumMessageSize) {
      throw new MessagingError('InvalidParameterValue', `One or more parameters are invalid. Reason: Message must be shorter than ${queue.maximumMessageSize} bytes.`, 400, 'InvalidParameterValue');
    }
    if (queue.fifo && input.messageGroupId === undefined) {
      throw new MessagingError('MissingParameter', 'The request must contain the parameter MessageGroupId.', 400, 'MissingParameter');
    }
    if (queue.fifo && input.delaySeconds !== undefined && input.delaySeconds !== 0) {
      throw new MessagingError('InvalidParameterValue', `Value ${input.delaySeconds} for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.`, 400, 'InvalidParameterValue');
    }
    if (!queue.fifo && input.messageGroupId !== undefined) {
      throw new MessagingError('InvalidParameterValue', 'Value for parameter MessageGroupId is invalid. Reason: The request include parameter that is not valid for this queue type.', 400, 'InvalidParameterValue');
    }
    const before = queue.messages.length;
    const message = queue.enqueue({ ...input, now: this.now });
    if (queue.messages.length === before) return message; // a FIFO duplicate: accepted, not enqueued
    this.deps.onSent({
      service: 'sqs',
      destinationArn: queue.arn,
      name: queue.name,
      logicalId: queue.logicalId,
      messageId: message.messageId,
      body: message.body,
      ...(Object.keys(message.messageAttributes).length > 0 && { attributes: message.messageAttributes }),
      sentAt: this.now,
    });
    return message;
  }

  /** Redrive: the message moves to the dead-letter queue with its id and sent timestamp. */
  #deadLetter(source: LocalQueue, message: QueuedMessage): void {
    const target = source.redrive?.deadLetterTargetArn;
    const dlq = target === undefined ? undefined : this.queues.get(target);
    if (dlq === undefined) return;
    const moved = dlq.enqueue({
      body: message.body,
      attributes: message.messageAttributes,
      now: this.now,
      delaySeconds: 0,
      messageId: message.messageId,
      sentTimestamp: message.sentTimestamp,
      deadLetterQueueSourceArn: source.arn,
      ...(message.messageGroupId !== undefined && { messageGroupId: message.messageGroupId }),
      ...(message.messageDeduplicationId !== undefined && { messageDeduplicationId: message.messageDeduplicationId }),
    });
    this.deps.onSent({ service: 'sqs', destinationArn: dlq.arn, name: dlq.name, logicalId: dlq.logicalId, messageId: moved.messageId, body: moved.body, sentAt: this.now });
  }

  addTopic(topic: LocalTopic): void {
    this.topics.set(topic.arn, topic);
  }

  /** The topic for an ARN, or SNS's `NotFound`. */
  topic(arn: unknown): LocalTopic {
    const topic = typeof arn === 'string' ? this.topics.get(arn) : undefined;
    if (topic === undefined) throw new MessagingError('NotFound', 'Topic does not exist', 404);
    return topic;
  }

  /** Publishes to a topic: recorded, then delivered to every subscription whose filter policy matches. */
  publish(topic: LocalTopic, input: { message: string; subject?: string; attributes: Record<string, SnsMessageAttribute>; messageGroupId?: string; messageDeduplicationId?: string }): string {
    const messageId = randomUUID();
    this.deps.onSent({
      service: 'sns',
      destinationArn: topic.arn,
      name: topic.name,
      logicalId: topic.logicalId,
      messageId,
      body: input.message,
      ...(Object.keys(input.attributes).length > 0 && { attributes: input.attributes }),
      sentAt: this.now,
    });
    publishToTopic(this, topic, { ...input, messageId });
    return messageId;
  }

  addBus(bus: LocalBus): void {
    this.buses.set(bus.name, bus);
    this.buses.set(bus.arn, bus);
  }

  /** The bus for a name or ARN (`default` always exists), or EventBridge's `ResourceNotFoundException`. */
  bus(nameOrArn: string): LocalBus {
    const bus = this.buses.get(nameOrArn);
    if (bus === undefined) throw new MessagingError('ResourceNotFoundException', `Event bus ${nameOrArn} does not exist.`);
    return bus;
  }

  /** One valid PutEvents entry: recorded and routed to matching rules' targets; returns the event id. */
  putEvent(entry: PutEventsEntry): string {
    const bus = this.bus(entry.EventBusName ?? 'default');
    const id = randomUUID();
    const now = this.now;
    const event = {
      version: '0',
      id,
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: this.deps.accountId,
      time: new Date(entry.Time === undefined ? now : typeof entry.Time === 'number' ? entry.Time * 1000 : entry.Time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: this.deps.region,
      resources: entry.Resources ?? [],
      detail: JSON.parse(entry.Detail ?? '{}') as unknown,
    };
    this.deps.onSent({
      service: 'eventbridge',
      destinationArn: bus.arn,
      name: bus.name,
      logicalId: bus.logicalId,
      messageId: id,
      body: JSON.stringify(event),
      sentAt: now,
    });
    routeEvent(this, bus, event);
    return id;
  }

  /**
   * Delivers a payload to a target ARN as an AWS service would: a Lambda function (asynchronous
   * invocation), an SQS queue, an SNS topic or another event bus. Unknown targets are dropped
   * (and reported to the caller by returning false).
   */
  deliverToArn(arn: string, payload: unknown, trigger: { type: string; source: string }, options: { messageGroupId?: string; attributes?: Record<string, string> } = {}): boolean {
    const attributes = Object.fromEntries(Object.entries(options.attributes ?? {}).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]));
    const service = arn.split(':')[2];
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    if (service === 'lambda') {
      const key = this.deps.functionKeyOf?.(arn);
      if (key === undefined) return false;
      this.deps.deliverAsync(key, typeof payload === 'string' ? parseOrText(payload) : payload, trigger);
      return true;
    }
    if (service === 'sqs') {
      const queue = this.queues.get(arn);
      if (queue === undefined) return false;
      this.sendToQueue(queue, {
        body: text,
        ...(Object.keys(attributes).length > 0 && { attributes }),
        ...(queue.fifo && { messageGroupId: options.messageGroupId ?? 'default', messageDeduplicationId: randomUUID() }),
      });
      return true;
    }
    if (service === 'sns') {
      const topic = this.topics.get(arn);
      if (topic === undefined) return false;
      this.publish(topic, { message: text, attributes, ...(topic.name.endsWith('.fifo') && { messageGroupId: options.messageGroupId ?? 'default', messageDeduplicationId: randomUUID() }) });
      return true;
    }
    if (service === 'events') {
      const bus = this.buses.get(arn);
      if (bus === undefined || typeof payload !== 'object' || payload === null) return false;
      const event = payload as Record<string, unknown>;
      routeEvent(this, bus, event);
      return true;
    }
    return false;
  }
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
