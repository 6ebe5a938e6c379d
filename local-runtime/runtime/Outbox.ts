/** One message the runtime delivered to a destination (SQS queue, SNS topic, …). */
export interface OutboxMessage {
  /** ARN of the destination. */
  destinationArn: string;
  /** Logical id of the destination in serverless.yml resources, when it is one of them. */
  logicalId: string | undefined;
  /** The message body as the destination would store it (JSON text). */
  body: string;
  /** Epoch ms on the runtime's clock. */
  sentAt: number;
}

/**
 * Messages sent to destinations by the runtime itself (e.g. stream mappings' on-failure records),
 * recorded in order so tests and the CLI can read them back.
 */
export class Outbox {
  readonly #messages: OutboxMessage[] = [];

  add(message: OutboxMessage): void {
    this.#messages.push(message);
  }

  /** Messages sent to `target`: a logical id (`OrderEventsDlq`) or an ARN; every message when omitted. */
  list(target?: string): OutboxMessage[] {
    if (target === undefined) return [...this.#messages];
    return this.#messages.filter((m) => m.destinationArn === target || m.logicalId === target);
  }
}
