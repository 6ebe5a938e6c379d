import type { LambdaErrorPayload } from './types';

/**
 * An error as Lambda's Node.js runtime reports it (the runtime interface client's
 * `toRapidResponse`, https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html):
 * an Error — or any object with string `name`, `message` and `stack` — gives
 * `{ errorType: name, errorMessage: message, trace: stack lines }`; anything else gives
 * `{ errorType: typeof value, errorMessage: String(value), trace: [] }`.
 */
export function toErrorPayload(error: unknown): LambdaErrorPayload {
  if (error instanceof Error || isErrorLike(error)) {
    return {
      errorType: error.name,
      errorMessage: error.message,
      trace: (error.stack ?? '').split('\n').filter((line) => line.length > 0),
    };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

function isErrorLike(value: unknown): value is { name: string; message: string; stack: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { name, message, stack } = value as Record<string, unknown>;
  return typeof name === 'string' && name !== '' && typeof message === 'string' && message !== '' && typeof stack === 'string' && stack !== '';
}

/**
 * Lambda's timeout error (errorType `Sandbox.Timedout`,
 * https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html#troubleshooting-timeouts).
 */
export function timeoutPayload(requestId: string, timeoutSeconds: number): LambdaErrorPayload {
  return {
    errorType: 'Sandbox.Timedout',
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
  };
}

/**
 * One of the Lambda Node.js runtime's own Init errors (`Runtime.ImportModuleError`,
 * `Runtime.UserCodeSyntaxError`, …): the runtime wraps the original error as `String(original)`
 * and reports `trace` as the lines of `<type>: <message>` followed by the original's frames
 * (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html).
 */
export function runtimeErrorPayload(errorType: string, errorMessage: string, frames: string[] = []): LambdaErrorPayload {
  return { errorType, errorMessage, trace: [...`${errorType}: ${errorMessage}`.split('\n'), ...frames] };
}

/** The `    at …` lines of an error's stack. */
export function stackFrames(error: unknown): string[] {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  return stack.split('\n').filter((line) => /^\s+at /.test(line));
}

/**
 * An Error that `toErrorPayload` turns back into `payload` (same errorType, errorMessage and
 * trace): what a function whose Init failed throws at each invocation.
 */
export function errorFromPayload(payload: LambdaErrorPayload): Error {
  const error = new Error(payload.errorMessage);
  Object.defineProperty(error, 'name', { value: payload.errorType, enumerable: false, configurable: true, writable: true });
  error.stack = (payload.trace ?? [`${payload.errorType}: ${payload.errorMessage}`]).join('\n');
  return error;
}
