import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock/Clock';
import { MessagingError } from './errors';
import type { LocalQueue, QueuedMessage } from './LocalQueue';
import type { SqsMessageAttribute } from './messageMd5';

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

/** An SNS topic and its Lambda subscribers. */
export interface LocalTopic {
  logicalId: string | undefined;
  name: string;
  arn: string;
  subscribers: Array<{ functionKey: string; subscriptionArn: string }>;
}

/** An EventBridge bus and the rules targeting functions. */
export interface LocalBus {
  logicalId: string | undefined;
  name: string;
  arn: string;
  rules: Array<{ functionKey: string; matches: (event: unknown) => boolean }>;
}

/** An SNS message attribute as the Query protocol carries it. */
export interface SnsMessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
  Time?: string | number;
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

/**
 * The local SQS queues, SNS topics and EventBridge buses: what the three protocol handlers
 * call. Every accepted message is recorded (`onSent`); topic and bus deliveries to functions are
 * handed to `deliverAsync` (run later, by `runtime.drain()`), queue messages wait for their
 * event source mapping.
 */
export class MessagingHub {
  readonly queues = new Map<string, LocalQueue>();
  readonly topics = new Map<string, LocalTopic>();
  readonly buses = new Map<string, LocalBus>();

  constructor(
    private readonly deps: {
      clock: Clock;
      region: string;
      accountId: string;
      onSent: (message: SentMessage) => void;
      deliverAsync: (functionKey: string, event: unknown, trigger: { type: string; source: string }) => void;
    },
  ) {}

  addQueue(queue: LocalQueue): void {
    this.queues.set(queue.url, queue);
    this.queues.set(queue.arn, queue);
  }

  addTopic(topic: LocalTopic): void {
    this.topics.set(topic.arn, topic);
  }

  addBus(bus: LocalBus): void {
    this.buses.set(bus.name, bus);
    this.buses.set(bus.arn, bus);
  }

  /** The queue for a URL or ARN, or SQS's `QueueDoesNotExist`. */
  queue(urlOrArn: unknown): LocalQueue {
    const queue = typeof urlOrArn === 'string' ? this.queues.get(urlOrArn) ?? this.#byUrlName(urlOrArn) : undefined;
    if (queue === undefined) {
      throw new MessagingError('QueueDoesNotExist', 'The specified queue does not exist.', 400, 'AWS.SimpleQueueService.NonExistentQueue');
    }
    return queue;
  }

  #byUrlName(url: string): LocalQueue | undefined {
    const name = url.split('/').pop();
    for (const queue of this.queues.values()) if (queue.name === name) return queue;
    return undefined;
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
    const message = queue.enqueue({ ...input, now: this.deps.clock.now() });
    this.deps.onSent({
      service: 'sqs',
      destinationArn: queue.arn,
      name: queue.name,
      logicalId: queue.logicalId,
      messageId: message.messageId,
      body: message.body,
      ...(Object.keys(message.messageAttributes).length > 0 && { attributes: message.messageAttributes }),
      sentAt: this.deps.clock.now(),
    });
    return message;
  }

  /** The topic for an ARN, or SNS's `NotFound`. */
  topic(arn: unknown): LocalTopic {
    const topic = typeof arn === 'string' ? this.topics.get(arn) : undefined;
    if (topic === undefined) throw new MessagingError('NotFound', 'Topic does not exist', 404);
    return topic;
  }

  publish(topic: LocalTopic, input: { message: string; subject?: string; attributes: Record<string, SnsMessageAttribute> }): string {
    const messageId = randomUUID();
    const now = this.deps.clock.now();
    this.deps.onSent({
      service: 'sns',
      destinationArn: topic.arn,
      name: topic.name,
      logicalId: topic.logicalId,
      messageId,
      body: input.message,
      ...(Object.keys(input.attributes).length > 0 && { attributes: input.attributes }),
      sentAt: now,
    });
    for (const subscriber of topic.subscribers) {
      const record = {
        EventVersion: '1.0',
        EventSubscriptionArn: subscriber.subscriptionArn,
        EventSource: 'aws:sns',
        Sns: {
          Type: 'Notification',
          MessageId: messageId,
          TopicArn: topic.arn,
          Subject: input.subject ?? null,
          Message: input.message,
          Timestamp: new Date(now).toISOString(),
          SignatureVersion: '1',
          Signature: 'LOCAL',
          SigningCertUrl: `https://sns.${this.deps.region}.amazonaws.com/SimpleNotificationService-local.pem`,
          UnsubscribeUrl: `https://sns.${this.deps.region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${subscriber.subscriptionArn}`,
          MessageAttributes: Object.fromEntries(
            Object.entries(input.attributes).map(([name, a]) => [name, { Type: a.DataType, Value: a.StringValue ?? a.BinaryValue ?? '' }]),
          ),
        },
      };
      this.deps.deliverAsync(subscriber.functionKey, { Records: [record] }, { type: 'sns', source: topic.name });
    }
    return messageId;
  }

  /** The bus for a name or ARN (`default` always exists), or EventBridge's `ResourceNotFoundException`. */
  bus(nameOrArn: string): LocalBus {
    const bus = this.buses.get(nameOrArn);
    if (bus === undefined) throw new MessagingError('ResourceNotFoundException', `Event bus ${nameOrArn} does not exist.`);
    return bus;
  }

  /** One valid PutEvents entry: recorded and routed to matching rules; returns the event id. */
  putEvent(entry: PutEventsEntry): string {
    const bus = this.bus(entry.EventBusName ?? 'default');
    const id = randomUUID();
    const now = this.deps.clock.now();
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
    for (const rule of bus.rules) {
      if (rule.matches(event)) this.deps.deliverAsync(rule.functionKey, event, { type: 'eventBridge', source: bus.name });
    }
    return id;
  }
}
