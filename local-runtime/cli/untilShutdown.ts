/** Resolves on the first SIGINT (Ctrl-C) or SIGTERM, so a long-running command can shut down cleanly. */
export function untilShutdown(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
