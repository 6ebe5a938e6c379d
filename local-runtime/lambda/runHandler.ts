import type { EnvironmentOutcome } from './ExecutionEnvironment';
import { timeoutPayload, toErrorPayload } from './toErrorPayload';
import type { LambdaContext, LambdaHandler } from './types';

/**
 * Runs one invocation of a loaded handler as Lambda's Node.js runtime does: the event as a JSON copy,
 * the first of result / error / legacy `context.done` wins, the result JSON-serialised
 * (`undefined` becomes `null`), errors in Lambda's payload shape, and a timeout when `startTimer`'s
 * callback fires first. Used in both kinds of environment.
 */
export function runHandler(options: {
  handler: LambdaHandler;
  event: unknown;
  requestId: string;
  timeoutSeconds: number;
  startTimer: (onTimeout: () => void) => void;
  context: (settle: (error: unknown, result?: unknown) => void) => LambdaContext;
}): Promise<EnvironmentOutcome> {
  return new Promise<EnvironmentOutcome>((resolve) => {
    const settle = (error: unknown, result?: unknown): void => {
      if (error !== undefined && error !== null) resolve({ kind: 'error', error: toErrorPayload(error) });
      else resolve(serialise(result));
    };
    options.startTimer(() => resolve({ kind: 'timeout', error: timeoutPayload(options.requestId, options.timeoutSeconds) }));
    const context = options.context(settle);
    let running: Promise<unknown>;
    try {
      running = options.handler(copyEvent(options.event), context);
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(
      (result) => settle(undefined, result),
      (error: unknown) => settle(error ?? new Error('Handler rejected without a reason')),
    );
  });
}

/** Lambda passes the event as JSON: the handler gets its own copy. */
function copyEvent(event: unknown): unknown {
  return event === undefined ? {} : JSON.parse(JSON.stringify(event));
}

/** Lambda returns the result as JSON (`undefined` becomes `null`). */
function serialise(result: unknown): EnvironmentOutcome {
  try {
    const json = JSON.stringify(result);
    return { kind: 'success', result: json === undefined ? null : JSON.parse(json) };
  } catch (error) {
    return { kind: 'error', error: toErrorPayload(error) };
  }
}
