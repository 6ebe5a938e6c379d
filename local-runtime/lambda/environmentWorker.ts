/**
 * The code of a worker execution environment (a worker thread: its own `process.env`, globals,
 * module registry and heap). It runs the function's Init (loads the handler with the function's
 * environment already in `process.env`, its AWS requests redirected to the runtime's endpoint),
 * then serves one invocation at a time for the thread that started it (see WorkerEnvironment).
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { requestGuard } from '../preload/requestGuard';
import { createContext } from './createContext';
import { FunctionInitError } from './errors';
import { loadHandler } from './loadHandler';
import { runHandler } from './runHandler';
import { toErrorPayload } from './toErrorPayload';
import type { EnvironmentInvocation } from './ExecutionEnvironment';
import type { WorkerData, WorkerReply } from './workerProtocol';
import type { LambdaHandler } from './types';
import { installWorkerClock } from './installWorkerClock';
import { installLambdaConsole } from './lambdaConsole';

const data = workerData as WorkerData;
const port = parentPort!;
const post = (message: WorkerReply): void => port.postMessage(message);
const clock = data.virtualClockMs === undefined ? undefined : installWorkerClock(data.virtualClockMs);

// As Lambda's Node.js runtime does: an unhandled rejection or an uncaught exception ends the environment.
process.on('unhandledRejection', (reason) => {
  post({ type: 'crash', error: { errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: String(reason instanceof Error ? `${reason.name}: ${reason.message}` : reason), trace: toErrorPayload(reason).trace ?? [] } });
  process.exit(128);
});
process.on('uncaughtException', (error) => {
  post({ type: 'crash', error: toErrorPayload(error) });
  process.exit(129);
});

// Log lines travel on the same port as the outcome, so they arrive before it, in order.
const setLogRequestId = installLambdaConsole((line, level) => post({ type: 'log', line, stderr: level === 'ERROR' || level === 'WARN' }));
requestGuard.install({ target: data.awsEndpoint, caller: () => data.functionKey });

let peakHeap = 0;
const heapMb = (): number => {
  peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size);
  return Math.ceil(peakHeap / (1024 * 1024));
};

async function init(): Promise<LambdaHandler | undefined> {
  const started = performance.now();
  try {
    const handler = await loadHandler(data.servicePath, data.handler, data.mode, {
      runtime: data.runtime,
      ...(data.bundle !== undefined && { prebuilt: data.bundle }),
    });
    post({ type: 'ready', initDurationMs: performance.now() - started });
    return handler;
  } catch (error) {
    const payload = error instanceof FunctionInitError ? error.payload : toErrorPayload(error);
    post({ type: 'init-error', error: payload, ...(error instanceof FunctionInitError && error.hint !== undefined && { hint: error.hint }) });
    return undefined;
  }
}

const handler = await init();
if (handler !== undefined) {
  port.on('message', (invocation: EnvironmentInvocation) => {
    const previous = new Map(Object.keys(invocation.environment).map((key) => [key, process.env[key]] as const));
    Object.assign(process.env, invocation.environment);
    clock?.set(invocation.clockNowMs);
    setLogRequestId(invocation.requestId);
    void runHandler({
      handler,
      event: invocation.event,
      requestId: invocation.requestId,
      timeoutSeconds: invocation.timeoutSeconds,
      // The thread that started this environment stops it at the deadline (worker.terminate()).
      startTimer: () => undefined,
      context: (settle) => createContext({
        model: data.model, requestId: invocation.requestId, region: data.region, accountId: data.accountId,
        logStreamName: data.logStreamName, deadlineMs: invocation.deadlineMs, now: () => Date.now(), settle,
      }),
    }).then((outcome) => {
      for (const [key, value] of previous) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      post({ type: 'outcome', requestId: invocation.requestId, outcome: { ...outcome, maxMemoryUsedMb: heapMb() } });
    });
  });
} else {
  port.close();
}
