import { createContext } from './createContext';
import type { EnvironmentInvocation, EnvironmentOutcome, ExecutionEnvironment } from './ExecutionEnvironment';
import { runHandler } from './runHandler';
import type { LambdaHandler } from './types';
import { withClock } from './withClock';
import { withEnvironment } from './withEnvironment';
import type { FunctionModel } from '../service/ServiceModel';

/** What an in-process environment runs. */
export interface InProcessEnvironmentOptions {
  model: FunctionModel;
  handler: LambdaHandler;
  /** The function's Lambda environment (reserved variables included). */
  environment: Record<string, string>;
  region: string;
  accountId: string;
  /** The runtime's clock. */
  clockNow: () => number;
  /** Whether handlers' `Date` follows `clockNow` (a virtual clock). */
  clockDate?: boolean;
}

/**
 * An execution environment that shares Tidepool's process (the default under `createRuntime` with
 * `handlers: 'import'`: modules load once per process, so test doubles such as `vi.mock` and fake
 * timers reach handler code, and a new environment costs nothing). Each invocation sees its own
 * `process.env` (see withEnvironment) and invocations run concurrently; globals and module state
 * are shared, and a timed-out handler cannot be stopped: the environment is discarded, but the
 * handler's code keeps running in the background (a documented deviation, see README).
 */
export class InProcessEnvironment implements ExecutionEnvironment {
  readonly kind = 'in-process';
  readonly initDurationMs = 0;
  readonly logStreamName: string;
  #alive = true;
  readonly #options: InProcessEnvironmentOptions;

  constructor(logStreamName: string, options: InProcessEnvironmentOptions) {
    this.logStreamName = logStreamName;
    this.#options = options;
  }

  get alive(): boolean {
    return this.#alive;
  }

  async invoke(invocation: EnvironmentInvocation): Promise<EnvironmentOutcome> {
    const { model, region, accountId, handler, clockNow } = this.#options;
    const vars = { ...this.#options.environment, ...invocation.environment };
    let timer: NodeJS.Timeout | undefined;
    const run = (): Promise<EnvironmentOutcome> => runHandler({
        handler,
        event: invocation.event,
        requestId: invocation.requestId,
        timeoutSeconds: invocation.timeoutSeconds,
        startTimer: (onTimeout) => {
          timer = setTimeout(onTimeout, invocation.timeoutMs);
        },
        context: (settle) => createContext({
          model, requestId: invocation.requestId, region, accountId, logStreamName: this.logStreamName,
          deadlineMs: invocation.deadlineMs, now: clockNow, settle,
        }),
      });
    const outcome = await withEnvironment(vars, () => (this.#options.clockDate === true ? withClock(clockNow, run) : run()));
    clearTimeout(timer);
    if (outcome.kind === 'timeout') this.#alive = false;
    return outcome;
  }

  async dispose(): Promise<void> {
    this.#alive = false;
  }
}
