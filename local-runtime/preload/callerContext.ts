import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which local function a piece of work belongs to (its module load or one of its invocations), so an
 * AWS request made by handler code can be attributed to it ("… called by function createOrder").
 * Kept in AsyncLocalStorage: it follows the work through awaits, timers and callbacks.
 */
const caller = new AsyncLocalStorage<string>();

/** Runs `task` as the work of `label` (usually the function key); returns what `task` returns. */
export function withCaller<T>(label: string, task: () => T): T {
  return caller.run(label, task);
}

/** The label of the work running now, or `undefined` outside any function's work. */
export function currentCaller(): string | undefined {
  return caller.getStore();
}
