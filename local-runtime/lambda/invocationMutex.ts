/**
 * A process-wide mutex: invocations are serialised because `process.env` is global
 * (deviation from Lambda, where each concurrent invocation has its own environment).
 */
let tail: Promise<void> = Promise.resolve();

/** Runs `task` after every earlier task has settled. */
export function runExclusive<T>(task: () => Promise<T>): Promise<T> {
  const run = tail.then(task);
  tail = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}
