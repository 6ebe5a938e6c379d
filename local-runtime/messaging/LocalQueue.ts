import { createHash, randomUUID } from 'node:crypto';
import { MessagingError } from './errors';
import { md5OfAttributes, md5OfBody, type SqsMessageAttribute } from './messageMd5';
import { defaultQueueAttributes } from './sqs/queueAttributes';

/** One message held by a local queue. */
export interface QueuedMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  md5OfMessageAttributes: string | undefined;
  messageAttributes: Record<string, SqsMessageAttribute>;
  sentTimestamp: number;
  /** Epoch ms from which the message can be received. */
  visibleAt: number;
  receiveCount: number;
  firstReceiveTimestamp: number | undefined;
  messageGroupId: string | undefined;
  messageDeduplicationId: string | undefined;
  sequenceNumber: string | undefined;
  /** The receipt handle of the latest receive. */
  receiptHandle?: string;
  /** Set on a message a redrive policy moved here. */
  deadLetterQueueSourceArn?: string;
}

/** What a send carries into a queue. */
export interface EnqueueInput {
  body: string;
  attributes?: Record<string, SqsMessageAttribute>;
  now: number;
  delaySeconds?: number;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  /** Kept when a redrive moves a message (same id, same sent timestamp). */
  messageId?: string;
  sentTimestamp?: number;
  deadLetterQueueSourceArn?: string;
}

/** SQS's deduplication interval (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/using-messagededuplicationid-property.html). */
export const DEDUPLICATION_INTERVAL_MS = 5 * 60 * 1000;

/**
 * A local SQS queue: its identity, attributes, tags and the messages it holds, in send order.
 * Times are epoch ms on the runtime's clock (visibility, delays, retention, deduplication).
 */
export class LocalQueue {
  readonly messages: QueuedMessage[] = [];
  readonly attributes: Record<string, string>;
  readonly tags: Record<string, string> = {};
  readonly createdAt: number;
  lastModifiedAt: number;
  lastPurgeAt: number | undefined;
  /** Set by the hub: takes a message whose receives exceeded the redrive policy's maxReceiveCount. */
  onDeadLetter: ((message: QueuedMessage) => void) | undefined;
  readonly #dedup = new Map<string, { until: number; message: QueuedMessage }>();
  readonly #handles = new Map<string, string>();
  readonly #waiters = new Set<() => void>();
  #sequence = 0n;

  constructor(
    readonly logicalId: string | undefined,
    readonly name: string,
    readonly arn: string,
    readonly url: string,
    attributes: Record<string, string> = {},
    now = 0,
  ) {
    this.attributes = { ...defaultQueueAttributes(name.endsWith('.fifo')), ...attributes };
    this.createdAt = now;
    this.lastModifiedAt = now;
  }

  get fifo(): boolean {
    return this.name.endsWith('.fifo');
  }

  /** Seconds (default 30). */
  get visibilityTimeout(): number {
    return Number(this.attributes['VisibilityTimeout'] ?? 30);
  }

  /** Bytes (default 262144). */
  get maximumMessageSize(): number {
    return Number(this.attributes['MaximumMessageSize'] ?? 262_144);
  }

  /** From RedrivePolicy: where messages go after `maxReceiveCount` receives. */
  get redrive(): { deadLetterTargetArn: string; maxReceiveCount: number } | undefined {
    const raw = this.attributes['RedrivePolicy'];
    if (raw === undefined || raw === '') return undefined;
    const policy = JSON.parse(raw) as { deadLetterTargetArn: string; maxReceiveCount: number | string };
    return { deadLetterTargetArn: policy.deadLetterTargetArn, maxReceiveCount: Number(policy.maxReceiveCount) };
  }

  /** Adds a message; returns it, or the message already sent with the same deduplication id within 5 minutes (FIFO). */
  enqueue(input: EnqueueInput): QueuedMessage {
    const dedupKey = this.#dedupKey(input);
    if (dedupKey !== undefined) {
      const seen = this.#dedup.get(dedupKey);
      if (seen !== undefined && seen.until > input.now) return seen.message;
    }
    const attributes = input.attributes ?? {};
    const delay = input.delaySeconds ?? Number(this.attributes['DelaySeconds'] ?? 0);
    const message: QueuedMessage = {
      messageId: input.messageId ?? randomUUID(),
      body: input.body,
      md5OfBody: md5OfBody(input.body),
      md5OfMessageAttributes: md5OfAttributes(attributes),
      messageAttributes: attributes,
      sentTimestamp: input.sentTimestamp ?? input.now,
      visibleAt: input.now + delay * 1000,
      receiveCount: 0,
      firstReceiveTimestamp: undefined,
      messageGroupId: input.messageGroupId,
      messageDeduplicationId: this.fifo ? input.messageDeduplicationId ?? dedupKey?.split('\n').pop() : undefined,
      sequenceNumber: this.fifo ? String(++this.#sequence).padStart(20, '0') : undefined,
      ...(input.deadLetterQueueSourceArn !== undefined && { deadLetterQueueSourceArn: input.deadLetterQueueSourceArn }),
    };
    if (dedupKey !== undefined) this.#dedup.set(dedupKey, { until: input.now + DEDUPLICATION_INTERVAL_MS, message });
    this.messages.push(message);
    this.#notify();
    return message;
  }

  #dedupKey(input: EnqueueInput): string | undefined {
    if (!this.fifo) return undefined;
    let id = input.messageDeduplicationId;
    if (id === undefined) {
      if (this.attributes['ContentBasedDeduplication'] !== 'true') {
        throw new MessagingError('InvalidParameterValue', 'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly', 400, 'InvalidParameterValue');
      }
      id = createHash('sha256').update(input.body, 'utf8').digest('hex');
    }
    return this.attributes['DeduplicationScope'] === 'messageGroup' ? `${input.messageGroupId ?? ''}\n${id}` : id;
  }

  /**
   * Receives up to `max` visible messages (ignoring visibility when `flush`), hiding them for the
   * visibility timeout. FIFO: in group order, and no message of a group with one in flight.
   * A message past the redrive policy's maxReceiveCount goes to the dead-letter queue instead.
   */
  receive(max: number, now: number, flush: boolean, visibilityTimeout: number = this.visibilityTimeout): QueuedMessage[] {
    this.expire(now);
    const taken: QueuedMessage[] = [];
    const blockedGroups = new Set<string>();
    const redrive = this.redrive;
    for (const message of [...this.messages]) {
      if (taken.length >= max) break;
      const group = message.messageGroupId;
      if (this.fifo && group !== undefined && blockedGroups.has(group)) continue;
      if (message.visibleAt > now && !flush) {
        if (this.fifo && group !== undefined) blockedGroups.add(group);
        continue;
      }
      if (redrive !== undefined && this.onDeadLetter !== undefined && message.receiveCount >= redrive.maxReceiveCount) {
        this.#remove(message);
        this.onDeadLetter(message);
        continue;
      }
      message.receiveCount += 1;
      message.firstReceiveTimestamp ??= now;
      message.visibleAt = now + visibilityTimeout * 1000;
      message.receiptHandle = Buffer.from(`${this.arn} ${message.messageId} ${randomUUID()}`).toString('base64');
      this.#handles.set(message.receiptHandle, message.messageId);
      taken.push(message);
    }
    return taken;
  }

  /** Deletes by message id. */
  delete(messageId: string): void {
    const index = this.messages.findIndex((m) => m.messageId === messageId);
    if (index !== -1) this.#remove(this.messages[index]!);
  }

  /** The message a receipt handle names (undefined once deleted), or `ReceiptHandleIsInvalid`. */
  byReceiptHandle(handle: unknown): QueuedMessage | undefined {
    const id = typeof handle === 'string' ? this.#handles.get(handle) : undefined;
    if (id === undefined) {
      throw new MessagingError('ReceiptHandleIsInvalid', `The input receipt handle "${String(handle)}" is not a valid receipt handle.`, 400, 'ReceiptHandleIsInvalid');
    }
    return this.messages.find((m) => m.messageId === id);
  }

  /** ChangeMessageVisibility: `MessageNotInflight` unless the message was received and is still hidden. */
  changeVisibility(handle: unknown, seconds: number, now: number): void {
    const message = this.byReceiptHandle(handle);
    if (message === undefined || message.receiveCount === 0 || message.visibleAt <= now) {
      throw new MessagingError('MessageNotInflight', 'Message does not exist or is not available for visibility timeout change.', 400, 'AWS.SimpleQueueService.MessageNotInflight');
    }
    message.visibleAt = now + seconds * 1000;
    if (seconds === 0) this.#notify();
  }

  /** Drops every message (PurgeQueue). */
  purge(now: number): void {
    for (const message of [...this.messages]) this.#remove(message);
    this.lastPurgeAt = now;
  }

  /** Drops messages older than MessageRetentionPeriod. */
  expire(now: number): void {
    const retentionMs = Number(this.attributes['MessageRetentionPeriod'] ?? 345_600) * 1000;
    for (const message of [...this.messages]) if (now - message.sentTimestamp >= retentionMs) this.#remove(message);
  }

  /** Messages that can be received now (all of them when `flush`). */
  visible(now: number, flush: boolean): number {
    this.expire(now);
    return flush ? this.messages.length : this.messages.filter((m) => m.visibleAt <= now).length;
  }

  /** ApproximateNumberOfMessages / …NotVisible / …Delayed. */
  counts(now: number): { visible: number; inFlight: number; delayed: number } {
    this.expire(now);
    let visible = 0;
    let inFlight = 0;
    let delayed = 0;
    for (const m of this.messages) {
      if (m.visibleAt <= now) visible++;
      else if (m.receiveCount > 0) inFlight++;
      else delayed++;
    }
    return { visible, inFlight, delayed };
  }

  /** Resolves at the next send or visibility change (long polling waits on it). */
  changed(): Promise<void> {
    return new Promise((resolve) => {
      const waiter = () => {
        this.#waiters.delete(waiter);
        resolve();
      };
      this.#waiters.add(waiter);
    });
  }

  #notify(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }

  #remove(message: QueuedMessage): void {
    const index = this.messages.indexOf(message);
    if (index !== -1) this.messages.splice(index, 1);
  }
}
