import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FunctionInitError } from './errors';
import type { EnvironmentInvocation, EnvironmentOutcome, ExecutionEnvironment } from './ExecutionEnvironment';
import { runtimeErrorPayload, timeoutPayload } from './toErrorPayload';
import type { LambdaErrorPayload } from './types';
import type { WorkerData, WorkerReply } from './workerProtocol';

const require = createRequire(import.meta.url);

/**
 * The worker's entry: `environmentWorker.js` beside this module in the packed build, else the
 * TypeScript source, loaded through tsx (a runtime dependency) registered in the new thread.
 */
function workerSource(): { code: string; eval: true } | { file: URL; eval: false } {
  for (const name of ['environmentWorker.js', '../environmentWorker.js']) {
    const built = new URL(name, import.meta.url);
    if (built.protocol === 'file:' && existsSync(fileURLToPath(built))) return { file: built, eval: false };
  }
  const source = new URL('./environmentWorker.ts', import.meta.url).href;
  // The package's `import` condition (require.resolve gives the `require` one).
  const tsx = pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return { code: `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`, eval: true };
}

/** A console line of handler code, written where the handler's own process would write it. */
function writeLog(message: { line: string; stderr: boolean }): void {
  (message.stderr ? process.stderr : process.stdout).write(`${message.line}\n`);
}

/** Lambda's message when the runtime process ends during an invocation (https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html). */
function exitPayload(requestId: string, errorType: string, detail: string): LambdaErrorPayload {
  return { errorType, errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${detail}` };
}

/**
 * An execution environment in its own worker thread: its own `process.env`, globals, module state
 * and heap (limited to the function's `memorySize`). A timeout terminates it; a handler that exits
 * the process is `Runtime.ExitError`, one that runs out of heap `Runtime.OutOfMemory`, and an
 * unhandled rejection `Runtime.UnhandledPromiseRejection`: each discards the environment.
 */
export class WorkerEnvironment implements ExecutionEnvironment {
  readonly kind = 'worker';
  readonly logStreamName: string;
  readonly initDurationMs: number;
  readonly #worker: Worker;
  #alive = true;
  #pending: { requestId: string; resolve: (outcome: EnvironmentOutcome) => void } | undefined;
  #crash: LambdaErrorPayload | undefined;

  private constructor(worker: Worker, logStreamName: string, initDurationMs: number) {
    this.#worker = worker;
    this.logStreamName = logStreamName;
    this.initDurationMs = initDurationMs;
    worker.on('message', (message: WorkerReply) => {
      if (message.type === 'log') writeLog(message);
      if (message.type === 'outcome' && this.#pending?.requestId === message.requestId) this.#settle(message.outcome);
      if (message.type === 'crash') this.#crash = message.error;
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') this.#crash = { errorType: 'Runtime.OutOfMemory', errorMessage: '' };
      else this.#crash ??= { errorType: error.name, errorMessage: error.message };
    });
    worker.on('exit', (code) => {
      this.#alive = false;
      const pending = this.#pending;
      if (pending === undefined) return;
      const crash = this.#crash;
      if (crash?.errorType === 'Runtime.OutOfMemory') this.#settle({ kind: 'error', error: exitPayload(pending.requestId, 'Runtime.OutOfMemory', 'signal: killed') });
      else if (crash !== undefined) this.#settle({ kind: 'error', error: crash });
      else this.#settle({ kind: 'error', error: exitPayload(pending.requestId, 'Runtime.ExitError', `exit status ${code}`) });
    });
  }

  /** Starts a worker and waits for its Init; rejects with FunctionInitError when Init fails. */
  static async start(data: WorkerData, environment: Record<string, string>, memorySizeMb: number): Promise<WorkerEnvironment> {
    const source = workerSource();
    const worker = new Worker(source.eval ? source.code : source.file, {
      eval: source.eval,
      workerData: data,
      env: environment,
      resourceLimits: { maxOldGenerationSizeMb: memorySizeMb },
    });
    // Like the runtime's endpoint server: an environment never keeps the process alive by itself.
    worker.unref();
    const listeners: { message?: (message: WorkerReply) => void; error?: (error: Error) => void; exit?: (code: number) => void } = {};
    const initDurationMs = await new Promise<number>((resolve, reject) => {
      const fail = (payload: LambdaErrorPayload, hint?: string): void => {
        void worker.terminate();
        reject(new FunctionInitError({ handler: data.handler, payload, ...(hint !== undefined && { hint }) }));
      };
      listeners.message = (message) => {
        if (message.type === 'log') writeLog(message);
        else if (message.type === 'ready') resolve(message.initDurationMs);
        else if (message.type === 'init-error') fail(message.error, message.hint);
        else if (message.type === 'crash') fail(message.error);
      };
      listeners.error = (error) => fail(runtimeErrorPayload('Runtime.ExitError', `Init failed: ${error.message}`));
      listeners.exit = (code) => fail(runtimeErrorPayload('Runtime.ExitError', `Runtime exited during Init with exit status ${code}`));
      worker.on('message', listeners.message).on('error', listeners.error).on('exit', listeners.exit);
    }).finally(() => {
      // Only these: Worker keeps listeners of its own on itself.
      worker.off('message', listeners.message!).off('error', listeners.error!).off('exit', listeners.exit!);
    });
    return new WorkerEnvironment(worker, data.logStreamName, initDurationMs);
  }

  get alive(): boolean {
    return this.#alive;
  }

  invoke(invocation: EnvironmentInvocation): Promise<EnvironmentOutcome> {
    if (!this.#alive) return Promise.resolve({ kind: 'error', error: exitPayload(invocation.requestId, 'Runtime.ExitError', 'environment ended') });
    return new Promise<EnvironmentOutcome>((resolve) => {
      const timer = setTimeout(() => {
        // https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html: the environment is stopped.
        this.#alive = false;
        this.#settle({ kind: 'timeout', error: timeoutPayload(invocation.requestId, invocation.timeoutSeconds) });
        void this.#worker.terminate();
      }, invocation.timeoutMs);
      this.#pending = {
        requestId: invocation.requestId,
        resolve: (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        },
      };
      this.#worker.postMessage(invocation);
    });
  }

  #settle(outcome: EnvironmentOutcome): void {
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.resolve(outcome);
  }

  async dispose(): Promise<void> {
    this.#alive = false;
    await this.#worker.terminate();
  }
}
