import type { FunctionModel } from '../service/ServiceModel';
import type { EnvironmentOutcome } from './ExecutionEnvironment';
import type { LambdaErrorPayload } from './types';

/** What a worker environment is started with (its `workerData`). */
export interface WorkerData {
  model: FunctionModel;
  functionKey: string;
  servicePath: string;
  handler: string;
  mode: 'import' | 'bundle';
  /** `bundle` mode: the bundle the runtime built. */
  bundle?: { file: string; format: 'esm' | 'cjs' };
  runtime: string | undefined;
  region: string;
  accountId: string;
  logStreamName: string;
  /** The runtime's endpoint URL, where the environment's AWS requests go. */
  awsEndpoint: string;
  /** On a virtual clock: its time at the start (handlers' `Date` follows the runtime's clock). */
  virtualClockMs?: number;
}

/** What a worker environment posts to the thread that started it. */
export type WorkerReply =
  | { type: 'ready'; initDurationMs: number }
  | { type: 'init-error'; error: LambdaErrorPayload; hint?: string }
  | { type: 'outcome'; requestId: string; outcome: EnvironmentOutcome }
  | { type: 'crash'; error: LambdaErrorPayload }
  | { type: 'log'; line: string; stderr: boolean };
