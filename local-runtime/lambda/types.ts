/**
 * Types of the local Lambda runtime. `LambdaContext` mirrors the Node.js runtime's context object
 * (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html).
 */

export interface LambdaContext {
  awsRequestId: string;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  /** A string, as Lambda gives it. */
  memoryLimitInMB: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
  /** Amazon Cognito identity (mobile SDK invocations only): always undefined locally. */
  identity: undefined;
  /** Client context (mobile SDK invocations only): always undefined locally. */
  clientContext: undefined;
  /** Legacy completion methods (pre-async Node runtimes). */
  done(error?: unknown, result?: unknown): void;
  succeed(result?: unknown): void;
  fail(error: unknown): void;
}

/** A loaded handler, always promise-returning (callback handlers are promisified). */
export type LambdaHandler = (event: unknown, context: LambdaContext) => Promise<unknown>;

/** What triggered an invocation. */
export interface InvocationTrigger {
  type: 'httpApi' | 'stream' | 'invoke' | (string & {});
  /** e.g. `POST /orders`, or a table name. */
  source: string;
  /** Number of records in a batch event. */
  records?: number;
  /** For event source mappings: 1 for a batch's first invocation, 2+ for its retries. */
  attempt?: number;
}

/** Error payload as Lambda reports it for an unhandled error or a timeout. */
export interface LambdaErrorPayload {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

export type InvocationOutcome = 'success' | 'error' | 'timeout';

/** One finished invocation. */
export interface InvocationRecord {
  requestId: string;
  functionKey: string;
  functionName: string;
  trigger: InvocationTrigger;
  /** Epoch ms. */
  startedAt: number;
  durationMs: number;
  outcome: InvocationOutcome;
  result?: unknown;
  error?: LambdaErrorPayload;
  event: unknown;
  /** Whether a new execution environment ran its Init for this invocation. */
  coldStart?: boolean;
  /** The Init's duration (ms), on a cold start (REPORT's `Init Duration`). */
  initDurationMs?: number;
  /** The environment's log stream (one per environment). */
  logStreamName?: string;
  /** `in-process` or `worker`. */
  environmentKind?: 'in-process' | 'worker';
  /** Peak heap of a worker environment during the invocation (MB; REPORT's `Max Memory Used`). */
  maxMemoryUsedMb?: number;
  /** No concurrency was left: the invocation did not run (`error` is TooManyRequestsException). */
  throttled?: boolean;
}
