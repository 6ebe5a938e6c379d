import { randomUUID } from 'node:crypto';
import { md5OfAttributes, md5OfBody, type SqsMessageAttribute } from './messageMd5';

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
}

/** A local SQS queue: its identity and the messages it holds, in send order. */
export class LocalQueue {
  readonly messages: QueuedMessage[] = [];
  #sequence = 0n;

  constructor(
    readonly logicalId: string | undefined,
    readonly name: string,
    readonly arn: string,
    readonly url: string,
    /** Seconds (CloudFormation default 30). */
    readonly visibilityTimeout: number,
    /** From RedrivePolicy: where messages go after `maxReceiveCount` receives. */
    readonly redrive: { deadLetterTargetArn: string; maxReceiveCount: number } | undefined,
    /** Bytes (CloudFormation `MaximumMessageSize`, default 262144, at most 1 MiB). */
    readonly maximumMessageSize: number = 262_144,
  ) {}

  get fifo(): boolean {
    return this.name.endsWith('.fifo');
  }

  /** Adds a message; returns it (with its id and digests). */
  enqueue(input: {
    body: string;
    attributes?: Record<string, SqsMessageAttribute>;
    now: number;
    delaySeconds?: number;
    messageGroupId?: string;
    messageDeduplicationId?: string;
  }): QueuedMessage {
    const attributes = input.attributes ?? {};
    const message: QueuedMessage = {
      messageId: randomUUID(),
      body: input.body,
      md5OfBody: md5OfBody(input.body),
      md5OfMessageAttributes: md5OfAttributes(attributes),
      messageAttributes: attributes,
      sentTimestamp: input.now,
      visibleAt: input.now + (input.delaySeconds ?? 0) * 1000,
      receiveCount: 0,
      firstReceiveTimestamp: undefined,
      messageGroupId: input.messageGroupId,
      messageDeduplicationId: input.messageDeduplicationId,
      sequenceNumber: this.fifo ? String(++this.#sequence).padStart(20, '0') : undefined,
    };
    this.messages.push(message);
    return message;
  }

  /** Receives up to `max` visible messages (ignoring visibility when `flush`), hiding them for the visibility timeout. */
  receive(max: number, now: number, flush: boolean): QueuedMessage[] {
    const taken: QueuedMessage[] = [];
    for (const message of this.messages) {
      if (taken.length >= max) break;
      if (message.visibleAt > now && !flush) continue;
      message.receiveCount += 1;
      message.firstReceiveTimestamp ??= now;
      message.visibleAt = now + this.visibilityTimeout * 1000;
      taken.push(message);
    }
    return taken;
  }

  delete(messageId: string): void {
    const index = this.messages.findIndex((m) => m.messageId === messageId);
    if (index !== -1) this.messages.splice(index, 1);
  }

  /** Messages that can be received now (all of them when `flush`). */
  visible(now: number, flush: boolean): number {
    return flush ? this.messages.length : this.messages.filter((m) => m.visibleAt <= now).length;
  }
}
