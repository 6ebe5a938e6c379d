/** One message the runtime delivered to a destination (SQS queue, SNS topic, …). */
export interface OutboxMessage {
  /** ARN of the destination. */
  destinationArn: string;
  /** Logical id of the destination in serverless.yml resources, when it is one of them. */
  logicalId: string | undefined;
  /** Queue, topic or bus name, when the message went through the local SQS/SNS/EventBridge. */
  name?: string;
  /** Which service received it (absent for the runtime's own on-failure records). */
  service?: 'sqs' | 'sns' | 'eventbridge';
  /** The id the service gave the message (MessageId / EventId). */
  messageId?: string;
  /** Message attributes as sent (SQS/SNS). */
  attributes?: Record<string, unknown>;
  /** The message body as the destination would store it (JSON text; for EventBridge the whole event). */
  body: string;
  /** Epoch ms on the runtime's clock. */
  sentAt: number;
}

/**
 * Messages sent to destinations: by handlers through the local SQS/SNS/EventBridge, and by the
 * runtime itself (e.g. stream mappings' on-failure records),
 * recorded in order so tests and the CLI can read them back.
 */
export class Outbox {
  readonly #messages: OutboxMessage[] = [];
  #deliver: ((destinationArn: string, body: string) => boolean) | undefined;

  add(message: OutboxMessage): void {
    this.#messages.push(message);
  }

  /**
   * Where the runtime's own records (stream mappings' on-failure records) go: into the local queue
   * or topic when the destination is one (`deliverTo`, set by the messaging build, records the
   * message as the service received it), else recorded here only.
   */
  deliver(message: OutboxMessage): void {
    if (this.#deliver?.(message.destinationArn, message.body) === true) return;
    this.add(message);
  }

  /** Sets how {@link deliver} reaches local queues and topics. */
  deliverTo(deliver: (destinationArn: string, body: string) => boolean): void {
    this.#deliver = deliver;
  }

  /** Messages sent to `target`: a logical id (`OrderEventsDlq`), an ARN or a queue/topic/bus name; every message when omitted. */
  list(target?: string): OutboxMessage[] {
    if (target === undefined) return [...this.#messages];
    return this.#messages.filter((m) => m.destinationArn === target || m.logicalId === target || m.name === target);
  }
}
