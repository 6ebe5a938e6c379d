import type { LambdaErrorPayload } from './types';

/** What one invocation asks of an environment. */
export interface EnvironmentInvocation {
  requestId: string;
  event: unknown;
  /** Per-invocation Lambda variables (`_X_AMZN_TRACE_ID`, …) over the environment's own. */
  environment: Record<string, string>;
  /** Deadline on the runtime's clock (epoch ms), for `getRemainingTimeInMillis()`. */
  deadlineMs: number;
  /** The runtime clock's time when the invocation starts (epoch ms); handlers' `Date` reads it in worker environments on a virtual clock. */
  clockNowMs: number;
  /** The real timeout (ms) after which the invocation is stopped. */
  timeoutMs: number;
  /** `model.timeout`, for the timeout message. */
  timeoutSeconds: number;
}

/** How an invocation ended; `discard` means the environment cannot serve another one. */
export type EnvironmentOutcome =
  | { kind: 'success'; result: unknown; maxMemoryUsedMb?: number }
  | { kind: 'error' | 'timeout'; error: LambdaErrorPayload; maxMemoryUsedMb?: number };

/**
 * One execution environment of a function (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html):
 * it has run its Init, serves one invocation at a time, and is reused warm until it is discarded
 * (a timeout, a crash, a reload, the runtime closing).
 */
export interface ExecutionEnvironment {
  /** `in-process` (shares Tidepool's process) or `worker` (its own thread, globals and modules). */
  readonly kind: 'in-process' | 'worker';
  /** The environment's log stream (`2026/01/01/[$LATEST]<hex>`), one per environment as on Lambda. */
  readonly logStreamName: string;
  /** How long its Init took (ms). */
  readonly initDurationMs: number;
  /** False once it has been discarded. */
  readonly alive: boolean;
  invoke(invocation: EnvironmentInvocation): Promise<EnvironmentOutcome>;
  /** Ends the environment (a worker is terminated). */
  dispose(): Promise<void>;
}

/** Starts a new environment (the Init phase); rejects with a FunctionInitError when Init fails. */
export type EnvironmentStarter = (logStreamName: string) => Promise<ExecutionEnvironment>;
