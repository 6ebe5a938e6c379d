/**
 * Sets `vars` on `process.env`, runs `task`, and restores every touched variable afterwards
 * (deleted if it did not exist before).
 */
export async function withEnvironment<T>(vars: Record<string, string>, task: () => Promise<T>): Promise<T> {
  const previous = new Map<string, string | undefined>();
  for (const [key, value] of Object.entries(vars)) {
    previous.set(key, process.env[key]);
    process.env[key] = value;
  }
  try {
    return await task();
  } finally {
    for (const [key, value] of previous) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
