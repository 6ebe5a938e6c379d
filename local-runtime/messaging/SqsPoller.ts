import type { Clock } from '../clock/Clock';
import type { InvocationRecord } from '../lambda/types';
import type { LocalQueue, QueuedMessage } from './LocalQueue';
import type { MessagingHub } from './MessagingHub';
import { toSqsEvent } from './toSqsEvent';

/** The options of an `sqs` event in serverless.yml (https://www.serverless.com/framework/docs/providers/aws/events/sqs). */
export interface SqsEventOptions {
  batchSize?: number;
  /** Seconds. */
  maximumBatchingWindow?: number;
  functionResponseType?: 'ReportBatchItemFailures';
  enabled?: boolean;
}

/** In flush mode (drain), receives of one message after which a queue without a DLQ counts as stuck. */
export const FLUSH_RECEIVE_BUDGET = 100;

/** A batch that kept failing with no dead-letter queue to take it. */
export class StuckBatchError extends Error {
  override readonly name = 'StuckBatchError';
  readonly code = 'messaging.sqs.stuck';
  constructor(readonly functionKey: string, readonly batch: unknown, readonly lastError: unknown) {
    super(`SQS messages for function ${functionKey} failed ${FLUSH_RECEIVE_BUDGET} times and the queue has no RedrivePolicy`);
  }
}

/**
 * Lambda's SQS event source mapping (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html):
 * batches of up to `batchSize` (default 10) messages, waiting up to `maximumBatchingWindow`;
 * successful messages are deleted; failed ones reappear after the visibility timeout and move to
 * the RedrivePolicy's dead-letter queue after `maxReceiveCount` receives; with
 * ReportBatchItemFailures only the reported `itemIdentifier`s (message ids) are kept.
 */
export class SqsPoller {
  readonly #batchSize: number;
  readonly #windowMs: number;

  constructor(
    readonly functionKey: string,
    private readonly queue: LocalQueue,
    private readonly options: SqsEventOptions,
    private readonly deps: {
      hub: MessagingHub;
      clock: Clock;
      region: string;
      invoke: (event: unknown) => Promise<InvocationRecord>;
      /** The event's `filterPatterns` (compileSqsFilter); a message no filter matches is deleted uninvoked. */
      filter?: (record: object) => boolean;
    },
  ) {
    this.#batchSize = options.batchSize ?? 10;
    this.#windowMs = (options.maximumBatchingWindow ?? 0) * 1000;
  }

  /** Receives and invokes one batch if one is ready; returns whether it did. `flush` ignores windows and visibility timeouts. */
  async poll(options: { flush?: boolean } = {}): Promise<boolean> {
    if (this.options.enabled === false) return false;
    const flush = options.flush === true;
    const now = this.deps.clock.now();
    const visible = this.queue.visible(now, flush);
    if (visible === 0) return false;
    if (!flush && visible < this.#batchSize && this.#windowMs > 0) {
      const oldest = Math.min(...this.queue.messages.map((m) => m.sentTimestamp));
      if (now - oldest < this.#windowMs) return false;
    }
    const received = this.queue.receive(this.#batchSize, now, flush);
    const batch = this.#filtered(received);
    if (batch.length === 0) return true;
    const event = toSqsEvent(this.queue, batch, this.deps.region);
    const record = await this.deps.invoke(event);
    const failed = this.#failedIds(batch, record);
    for (const message of batch) if (!failed.has(message.messageId)) this.queue.delete(message.messageId);
    const kept = batch.filter((m) => failed.has(m.messageId));
    this.#redrive(kept);
    if (flush && this.queue.redrive === undefined && kept.some((m) => m.receiveCount >= FLUSH_RECEIVE_BUDGET)) {
      throw new StuckBatchError(this.functionKey, event, record.error ?? record.result);
    }
    return true;
  }

  /**
   * Lambda filters messages before they are batched; a message that matches no filter is deleted
   * from the queue (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html).
   */
  #filtered(received: QueuedMessage[]): QueuedMessage[] {
    const filter = this.deps.filter;
    if (filter === undefined) return received;
    const records = toSqsEvent(this.queue, received, this.deps.region).Records as object[];
    const kept = received.filter((message, i) => filter(records[i]!));
    for (const message of received) if (!kept.includes(message)) this.queue.delete(message.messageId);
    return kept;
  }

  /** Message ids to keep: all on a function error or a malformed partial response, else the reported ones. */
  #failedIds(batch: QueuedMessage[], record: InvocationRecord): Set<string> {
    const all = new Set(batch.map((m) => m.messageId));
    if (record.outcome !== 'success') return all;
    if (this.options.functionResponseType !== 'ReportBatchItemFailures') return new Set();
    const result = record.result as { batchItemFailures?: unknown } | null;
    const failures = result?.batchItemFailures;
    if (failures === undefined || failures === null) return new Set();
    if (!Array.isArray(failures)) return all;
    const ids = new Set<string>();
    for (const failure of failures) {
      const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
      if (typeof id !== 'string' || !all.has(id)) return all;
      ids.add(id);
    }
    return ids;
  }

  #redrive(kept: QueuedMessage[]): void {
    const redrive = this.queue.redrive;
    if (redrive === undefined) return;
    for (const message of kept) {
      if (message.receiveCount < redrive.maxReceiveCount) continue;
      this.queue.delete(message.messageId);
      this.deps.hub.sendToQueue(this.deps.hub.queue(redrive.deadLetterTargetArn), {
        body: message.body,
        attributes: message.messageAttributes,
        ...(message.messageGroupId !== undefined && { messageGroupId: message.messageGroupId }),
      });
    }
  }
}
