import type { LambdaContext, LambdaHandler } from './types';

type AnyHandler = (event: unknown, context: LambdaContext, callback?: (error?: unknown, result?: unknown) => void) => unknown;

/**
 * Turns an async or callback-style (3 parameters) handler into a promise-returning one.
 * A callback handler settles on its first callback call (or on its returned promise, if any).
 */
export function promisifyHandler(fn: AnyHandler): LambdaHandler {
  if (fn.length < 3) {
    return async (event, context) => fn(event, context);
  }
  return (event, context) =>
    new Promise((resolve, reject) => {
      const callback = (error?: unknown, result?: unknown): void => {
        if (error !== undefined && error !== null) reject(error);
        else resolve(result);
      };
      try {
        const returned = fn(event, context, callback);
        if (isThenable(returned)) returned.then(resolve, reject);
      } catch (error) {
        reject(error);
      }
    });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
