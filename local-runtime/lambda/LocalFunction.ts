import { randomUUID } from 'node:crypto';
import type { FunctionModel } from '../service/ServiceModel';
import { createContext, logStreamNameFor } from './createContext';
import { runExclusive } from './invocationMutex';
import { lambdaEnvironment } from './lambdaEnvironment';
import { timeoutPayload, toErrorPayload } from './toErrorPayload';
import type { InvocationRecord, InvocationTrigger, LambdaErrorPayload, LambdaHandler } from './types';
import { withEnvironment } from './withEnvironment';

export interface LocalFunctionOptions {
  model: FunctionModel;
  handler: LambdaHandler;
  /** The function's environment, intrinsics already resolved. */
  environment: Record<string, string>;
  region: string;
  accountId: string;
}

type Settled =
  | { kind: 'success'; result: unknown }
  | { kind: 'error'; error: LambdaErrorPayload }
  | { kind: 'timeout'; error: LambdaErrorPayload };

/**
 * One function of the service, invoked in-process like Lambda invokes it: context object,
 * reserved environment variables, timeout (a real timer), JSON-serialised event and result,
 * and Lambda's error shape. Invocations are serialised process-wide (process.env is global).
 */
export class LocalFunction {
  readonly model: FunctionModel;
  readonly #options: LocalFunctionOptions;
  readonly #listeners = new Set<(record: InvocationRecord) => void>();

  constructor(options: LocalFunctionOptions) {
    this.model = options.model;
    this.#options = options;
  }

  /** Registers a listener for every finished invocation; returns the unsubscribe function. */
  onInvocation(listener: (record: InvocationRecord) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Invokes the handler with `event`; never rejects for handler errors (they are in the record). */
  async invoke(event: unknown, trigger: InvocationTrigger): Promise<InvocationRecord> {
    const record = await runExclusive(() => this.#run(event, trigger));
    for (const listener of this.#listeners) listener(record);
    return record;
  }

  async #run(event: unknown, trigger: InvocationTrigger): Promise<InvocationRecord> {
    const { model, region, accountId } = this.#options;
    const requestId = randomUUID();
    const startedAt = Date.now();
    const started = performance.now();
    const logStreamName = logStreamNameFor(new Date(startedAt));
    const timeoutMs = model.timeout * 1000;
    const env = lambdaEnvironment({ model, environment: this.#options.environment, region, logStreamName });
    let timer: NodeJS.Timeout | undefined;
    const settled = await withEnvironment(env, () =>
      new Promise<Settled>((resolve) => {
        const settle = (error: unknown, result?: unknown): void => {
          if (error !== undefined && error !== null) resolve({ kind: 'error', error: toErrorPayload(error) });
          else resolve(serialise(result));
        };
        timer = setTimeout(() => resolve({ kind: 'timeout', error: timeoutPayload(requestId, model.timeout) }), timeoutMs);
        const context = createContext({
          model, requestId, region, accountId, logStreamName, deadlineMs: startedAt + timeoutMs, settle,
        });
        this.#options.handler(copyEvent(event), context).then(
          (result) => settle(undefined, result),
          (error: unknown) => settle(error ?? new Error('Handler rejected without a reason')),
        );
      }),
    );
    clearTimeout(timer);
    const base = {
      requestId,
      functionKey: model.key,
      functionName: model.name,
      trigger,
      startedAt,
      durationMs: performance.now() - started,
      event,
    };
    return settled.kind === 'success'
      ? { ...base, outcome: 'success', result: settled.result }
      : { ...base, outcome: settled.kind, error: settled.error };
  }
}

/** Lambda passes the event as JSON: the handler gets its own copy. */
function copyEvent(event: unknown): unknown {
  return event === undefined ? {} : JSON.parse(JSON.stringify(event));
}

/** Lambda returns the result as JSON (`undefined` becomes `null`). */
function serialise(result: unknown): Settled {
  try {
    const json = JSON.stringify(result);
    return { kind: 'success', result: json === undefined ? null : JSON.parse(json) };
  } catch (error) {
    return { kind: 'error', error: toErrorPayload(error) };
  }
}
