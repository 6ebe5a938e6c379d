import { randomUUID } from 'node:crypto';
import { RealClock, type Clock } from '../clock/Clock';
import { withCaller } from '../preload/callerContext';
import type { FunctionModel } from '../service/ServiceModel';
import { ConcurrencyLimit } from './ConcurrencyLimit';
import { logStreamNameFor } from './createContext';
import { EnvironmentPool } from './EnvironmentPool';
import type { EnvironmentOutcome, EnvironmentStarter } from './ExecutionEnvironment';
import { FunctionInitError } from './errors';
import { InProcessEnvironment } from './InProcessEnvironment';
import { lambdaEnvironment } from './lambdaEnvironment';
import { reservedConcurrencyOf } from './reservedConcurrencyOf';
import { toErrorPayload } from './toErrorPayload';
import type { InvocationRecord, InvocationTrigger, LambdaErrorPayload, LambdaHandler } from './types';

export interface LocalFunctionOptions {
  model: FunctionModel;
  /** The loaded handler, run in in-process environments (ignored when `startEnvironment` is given). */
  handler?: LambdaHandler;
  /** The function's environment, intrinsics already resolved. */
  environment: Record<string, string>;
  region: string;
  accountId: string;
  /** The function's Lambda runtime (`nodejs22.x`), for AWS_EXECUTION_ENV; default: this Node's. */
  runtime?: string | undefined;
  /** The directory holding the function's code (LAMBDA_TASK_ROOT); default: the current directory. */
  taskRoot?: string | undefined;
  /** Starts an execution environment (worker environments); default: in-process environments running `handler`. */
  startEnvironment?: EnvironmentStarter | undefined;
  /** The runtime's clock: `startedAt`, deadlines and `getRemainingTimeInMillis()` (default: real time). */
  clock?: Clock | undefined;
  /** The account's concurrency, shared by every function of the runtime (default: unlimited). */
  accountConcurrency?: ConcurrencyLimit | undefined;
}

/** Wraps each invocation (the runtime uses it to tell its own work from another runtime's). */
export type InvocationScope = <T>(task: () => T) => T;

export interface InvokeOptions {
  /** Kept for callers of the earlier API; invocations never wait for each other now. */
  nested?: boolean;
  /**
   * What a throttled invocation does (no concurrency left): `reject` answers at once with Lambda's
   * `TooManyRequestsException` (synchronous callers: Invoke API, API Gateway); `wait` (default)
   * waits for a free environment, as event source mappings and the async queue retry.
   */
  throttle?: 'reject' | 'wait';
}

const REAL_CLOCK: Clock = { now: () => Date.now() };

/**
 * One function of the service, invoked like Lambda invokes it: in its own execution environments
 * (one invocation at a time each, reused warm, new ones for concurrent invocations up to the
 * function's reserved concurrency and the account's limit, discarded on timeout), with the context
 * object, the reserved environment variables, the timeout, JSON-serialised event and result, and
 * Lambda's error shape.
 */
export class LocalFunction {
  readonly model: FunctionModel;
  readonly #options: LocalFunctionOptions;
  readonly #listeners = new Set<(record: InvocationRecord) => void>();
  readonly #scopes: InvocationScope[] = [];
  readonly #pool: EnvironmentPool;
  readonly #reserved: ConcurrencyLimit | undefined;
  readonly #clock: Clock;
  #inFlight = 0;

  constructor(options: LocalFunctionOptions) {
    this.model = options.model;
    this.#options = options;
    this.#clock = options.clock ?? REAL_CLOCK;
    const reserved = reservedConcurrencyOf(options.model);
    this.#reserved = reserved === undefined ? undefined : new ConcurrencyLimit(reserved);
    this.#pool = new EnvironmentPool(options.startEnvironment ?? ((logStreamName) => this.#startInProcess(logStreamName)));
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

  /** Execution environments alive now (busy and idle). */
  get environments(): number {
    return this.#pool.size;
  }

  /** Ends every environment: idle ones now, busy ones when their invocation ends (a reload: the next invocations are cold). */
  async discardEnvironments(): Promise<void> {
    await this.#pool.discardAll();
  }

  /** Starts an environment now (its Init), kept idle for the first invocation; returns the Init failure, if any. */
  prestart(): Promise<Error | undefined> {
    return this.#pool.prestart();
  }

  /** Ends every environment of the function (`runtime.close()`). */
  async close(): Promise<void> {
    await this.#pool.close();
  }

  /**
   * Invokes the handler with `event`; never rejects for handler errors (they are in the record).
   * Concurrent invocations run at once, each in its own environment.
   */
  async invoke(event: unknown, trigger: InvocationTrigger, options: InvokeOptions = {}): Promise<InvocationRecord> {
    const key = this.model.key;
    const run = (): Promise<InvocationRecord> =>
      this.#scopes.reduceRight<() => Promise<InvocationRecord>>(
        (inner, scope) => () => scope(inner),
        () => withCaller(key, () => this.#run(event, trigger, options.throttle ?? 'wait')),
      )();
    const record = await run();
    for (const listener of this.#listeners) listener(record);
    return record;
  }

  async #run(event: unknown, trigger: InvocationTrigger, throttle: 'reject' | 'wait'): Promise<InvocationRecord> {
    const requestId = randomUUID();
    const release = await this.#acquire(throttle);
    const startedAt = this.#clock.now();
    const started = performance.now();
    const base = { requestId, functionKey: this.model.key, functionName: this.model.name, trigger, startedAt, event };
    if (release === undefined) {
      // https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html (throttling: 429 TooManyRequestsException)
      return { ...base, durationMs: 0, outcome: 'error', throttled: true, error: { errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.' } };
    }
    this.#inFlight += 1;
    try {
      const lease = await this.#pool.lease();
      if (lease instanceof Error) {
        return { ...base, durationMs: performance.now() - started, outcome: 'error', coldStart: true, error: initErrorPayload(lease) };
      }
      const { environment, cold } = lease;
      const timeoutMs = this.model.timeout * 1000;
      const invokeStarted = performance.now();
      let outcome: EnvironmentOutcome;
      try {
        outcome = await environment.invoke({
          requestId, event, environment: { _X_AMZN_TRACE_ID: traceHeader(startedAt) }, deadlineMs: startedAt + timeoutMs,
          clockNowMs: startedAt, timeoutMs, timeoutSeconds: this.model.timeout,
        });
      } finally {
        this.#pool.giveBack(environment);
      }
      const details = {
        durationMs: performance.now() - invokeStarted,
        coldStart: cold,
        ...(cold && { initDurationMs: environment.initDurationMs }),
        logStreamName: environment.logStreamName,
        environmentKind: environment.kind,
        ...(outcome.maxMemoryUsedMb !== undefined && { maxMemoryUsedMb: outcome.maxMemoryUsedMb }),
      };
      return outcome.kind === 'success'
        ? { ...base, ...details, outcome: 'success', result: outcome.result }
        : { ...base, ...details, outcome: outcome.kind, error: outcome.error };
    } finally {
      this.#inFlight -= 1;
      release();
    }
  }

  /** A slot of the function's reserved concurrency and of the account's, or undefined when throttled and `reject`. */
  async #acquire(throttle: 'reject' | 'wait'): Promise<(() => void) | undefined> {
    const limits = [this.#reserved, this.#options.accountConcurrency].filter((limit): limit is ConcurrencyLimit => limit !== undefined);
    const releases: Array<() => void> = [];
    for (const limit of limits) {
      const release = throttle === 'reject' || limit.limit === 0 ? limit.tryAcquire() : await limit.acquire();
      if (release === undefined) {
        for (const taken of releases) taken();
        return undefined;
      }
      releases.push(release);
    }
    return () => {
      for (const taken of releases) taken();
    };
  }

  async #startInProcess(logStreamName: string): Promise<InProcessEnvironment> {
    const { model, region, accountId, runtime, taskRoot, handler } = this.#options;
    if (handler === undefined) throw new Error(`LocalFunction ${model.key}: neither a handler nor startEnvironment was given`);
    const environment = lambdaEnvironment({ model, environment: this.#options.environment, region, logStreamName, runtime, taskRoot });
    return new InProcessEnvironment(logStreamName, { model, handler, environment, region, accountId, clockNow: () => this.#clock.now(), clockDate: !(this.#clock instanceof RealClock) && this.#clock !== REAL_CLOCK });
  }

  /** The log stream name a new environment gets now. */
  static logStreamName(clock: Clock = REAL_CLOCK): string {
    return logStreamNameFor(new Date(clock.now()));
  }
}

function initErrorPayload(error: Error): LambdaErrorPayload {
  return error instanceof FunctionInitError ? error.payload : toErrorPayload(error);
}

/** An X-Ray trace header, not sampled (nothing is sent anywhere), as Lambda sets `_X_AMZN_TRACE_ID`. */
function traceHeader(nowMs: number): string {
  const hex = randomUUID().replace(/-/g, '');
  const epoch = Math.floor(nowMs / 1000).toString(16).padStart(8, '0');
  return `Root=1-${epoch}-${hex.slice(0, 24)};Parent=${hex.slice(16, 32)};Sampled=0`;
}
