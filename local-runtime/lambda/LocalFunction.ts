import { randomUUID } from 'node:crypto';
import { withCaller } from '../preload/callerContext';
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
  /** The function's Lambda runtime (`nodejs22.x`), for AWS_EXECUTION_ENV; default: this Node's. */
  runtime?: string | undefined;
  /** The directory holding the function's code (LAMBDA_TASK_ROOT); default: the current directory. */
  taskRoot?: string | undefined;
}

/** Wraps each invocation (the runtime uses it to tell its own work from another runtime's). */
export type InvocationScope = <T>(task: () => T) => T;

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
  readonly #scopes: InvocationScope[] = [];
  #inFlight = 0;

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

  /** Adds a scope every later invocation runs inside (outermost first). */
  addScope(scope: InvocationScope): void {
    this.#scopes.push(scope);
  }

  /** Whether an invocation of this function is running now. */
  get running(): boolean {
    return this.#inFlight > 0;
  }

  /**
   * Invokes the handler with `event`; never rejects for handler errors (they are in the record).
   * Invocations wait for each other (process.env is global), except a `nested` one: an invocation
   * that a running invocation waits for (a synchronous Lambda Invoke from handler code), which
   * would otherwise wait for its own caller forever.
   */
  async invoke(event: unknown, trigger: InvocationTrigger, options: { nested?: boolean } = {}): Promise<InvocationRecord> {
    const key = this.model.key;
    const run = (): Promise<InvocationRecord> =>
      this.#scopes.reduceRight<() => Promise<InvocationRecord>>(
        (inner, scope) => () => scope(inner),
        () => withCaller(key, () => this.#run(event, trigger)),
      )();
    const record = await (options.nested === true ? run() : runExclusive(run));
    for (const listener of this.#listeners) listener(record);
    return record;
  }

  async #run(event: unknown, trigger: InvocationTrigger): Promise<InvocationRecord> {
    this.#inFlight += 1;
    try {
      return await this.#runCounted(event, trigger);
    } finally {
      this.#inFlight -= 1;
    }
  }

  async #runCounted(event: unknown, trigger: InvocationTrigger): Promise<InvocationRecord> {
    const { model, region, accountId, runtime, taskRoot } = this.#options;
    const requestId = randomUUID();
    const startedAt = Date.now();
    const started = performance.now();
    const logStreamName = logStreamNameFor(new Date(startedAt));
    const timeoutMs = model.timeout * 1000;
    const env = lambdaEnvironment({ model, environment: this.#options.environment, region, logStreamName, runtime, taskRoot, traceId: traceHeader() });
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

/** An X-Ray trace header, not sampled (nothing is sent anywhere), as Lambda sets `_X_AMZN_TRACE_ID`. */
function traceHeader(): string {
  const hex = randomUUID().replace(/-/g, '');
  const epoch = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0');
  return `Root=1-${epoch}-${hex.slice(0, 24)};Parent=${hex.slice(16, 32)};Sampled=0`;
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
