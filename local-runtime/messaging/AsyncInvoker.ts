import type { InvocationRecord, InvocationTrigger } from '../lambda/types';

interface Pending {
  functionKey: string;
  event: unknown;
  trigger: InvocationTrigger;
  attempts: number;
}

/** An asynchronous invocation that failed on every attempt. */
export interface FailedAsyncInvocation {
  functionKey: string;
  event: unknown;
  trigger: InvocationTrigger;
  lastError: unknown;
}

/** Attempts of an asynchronous invocation: the first and Lambda's two retries. */
export const ASYNC_ATTEMPTS = 3;

/**
 * Lambda's asynchronous invocation queue (SNS and EventBridge deliveries,
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html): events wait until polled;
 * a function error is retried twice; after that the event is set aside in `failures`.
 */
export class AsyncInvoker {
  readonly #pending: Pending[] = [];
  readonly failures: FailedAsyncInvocation[] = [];

  constructor(private readonly invoke: (functionKey: string, event: unknown, trigger: InvocationTrigger) => Promise<InvocationRecord>) {}

  enqueue(functionKey: string, event: unknown, trigger: InvocationTrigger): void {
    this.#pending.push({ functionKey, event, trigger, attempts: 0 });
  }

  get pending(): number {
    return this.#pending.length;
  }

  /** Invokes the oldest pending event; returns whether there was one. */
  async poll(): Promise<boolean> {
    const next = this.#pending.shift();
    if (next === undefined) return false;
    next.attempts += 1;
    const record = await this.invoke(next.functionKey, next.event, next.trigger);
    if (record.outcome !== 'success') {
      if (next.attempts < ASYNC_ATTEMPTS) this.#pending.push(next);
      else this.failures.push({ functionKey: next.functionKey, event: next.event, trigger: next.trigger, lastError: record.error });
    }
    return true;
  }
}
