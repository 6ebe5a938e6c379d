import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock/Clock';
import type { InvocationRecord, InvocationTrigger } from '../lambda/types';
import { DEFAULT_ASYNC_CONFIG, type AsyncConfig } from './async/asyncConfig';

interface Pending {
  functionKey: string;
  event: unknown;
  trigger: InvocationTrigger;
  attempts: number;
  requestId: string;
  enqueuedAt: number;
}

/** An asynchronous invocation that failed on every attempt (and had no destination to go to). */
export interface FailedAsyncInvocation {
  functionKey: string;
  event: unknown;
  trigger: InvocationTrigger;
  lastError: unknown;
}

/** Attempts of an asynchronous invocation by default: the first and Lambda's two retries. */
export const ASYNC_ATTEMPTS = 3;

/** What the invoker needs beyond `invoke` to honour a function's async settings. */
export interface AsyncInvokerOptions {
  clock: Clock;
  /** The function's settings (default: Lambda's). */
  config: (functionKey: string) => AsyncConfig;
  /** The function's ARN (for destination records). */
  functionArn: (functionKey: string) => string;
  /** Sends a record or event to a queue, topic, bus or function; false when the ARN is not local. */
  deliver: (arn: string, payload: unknown, attributes?: Record<string, string>) => boolean;
}

/**
 * Lambda's asynchronous invocation queue (SNS, EventBridge and schedule deliveries, `InvocationType:
 * Event`; https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html): events wait until
 * polled; a failure is retried `maximumRetryAttempts` times (default 2); an event older than
 * `maximumEventAge` is dropped. Then the destination record goes to `destinations.onSuccess` /
 * `onFailure`, or the event to the `onError` dead-letter queue; with neither, the failure is kept in
 * `failures` (`drain()` throws it).
 */
export class AsyncInvoker {
  readonly #pending: Pending[] = [];
  readonly failures: FailedAsyncInvocation[] = [];

  constructor(
    private readonly invoke: (functionKey: string, event: unknown, trigger: InvocationTrigger) => Promise<InvocationRecord>,
    private readonly options?: AsyncInvokerOptions,
  ) {}

  enqueue(functionKey: string, event: unknown, trigger: InvocationTrigger): void {
    this.#pending.push({ functionKey, event, trigger, attempts: 0, requestId: randomUUID(), enqueuedAt: this.options?.clock.now() ?? 0 });
  }

  get pending(): number {
    return this.#pending.length;
  }

  /** Invokes the oldest pending event; returns whether there was one. */
  async poll(): Promise<boolean> {
    const next = this.#pending.shift();
    if (next === undefined) return false;
    const config = this.options?.config(next.functionKey) ?? DEFAULT_ASYNC_CONFIG;
    if (this.options !== undefined && this.options.clock.now() - next.enqueuedAt > config.maximumEventAgeMs) {
      this.#exhausted(next, config, 'EventAgeExceeded', undefined);
      return true;
    }
    next.attempts += 1;
    const record = await this.invoke(next.functionKey, next.event, { ...next.trigger, ...(next.attempts > 1 && { attempt: next.attempts }) });
    if (record.outcome === 'success') {
      if (config.onSuccess !== undefined) this.options?.deliver(config.onSuccess, this.#destinationRecord(next, 'Success', record));
    } else if (next.attempts <= config.maximumRetryAttempts) {
      this.#pending.push(next);
    } else {
      this.#exhausted(next, config, 'RetriesExhausted', record);
    }
    return true;
  }

  #exhausted(next: Pending, config: AsyncConfig, condition: string, record: InvocationRecord | undefined): void {
    const deliver = this.options?.deliver;
    if (config.onFailure !== undefined && deliver?.(config.onFailure, this.#destinationRecord(next, condition, record))) return;
    if (config.deadLetterArn !== undefined && deliver !== undefined) {
      // https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html#invocation-dlq
      const attributes = { RequestID: next.requestId, ErrorCode: '200', ErrorMessage: record?.error?.errorMessage ?? condition };
      if (deliver(config.deadLetterArn, next.event, attributes)) return;
    }
    this.failures.push({ functionKey: next.functionKey, event: next.event, trigger: next.trigger, lastError: record?.error });
  }

  /** AWS's invocation record for destinations (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html). */
  #destinationRecord(next: Pending, condition: string, record: InvocationRecord | undefined): Record<string, unknown> {
    const failed = record !== undefined && record.outcome !== 'success';
    return {
      version: '1.0',
      timestamp: new Date(this.options?.clock.now() ?? Date.now()).toISOString(),
      requestContext: {
        requestId: next.requestId,
        functionArn: `${this.options?.functionArn(next.functionKey) ?? next.functionKey}:$LATEST`,
        condition,
        approximateInvokeCount: next.attempts,
      },
      requestPayload: next.event,
      ...(record !== undefined && {
        responseContext: { statusCode: 200, executedVersion: '$LATEST', ...(failed && { functionError: 'Unhandled' }) },
        responsePayload: failed ? record.error : record.result,
      }),
    };
  }
}
