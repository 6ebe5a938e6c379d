/** How batch operations retry unprocessed items: exponential backoff with full jitter, bounded attempts. */
export interface RetryOptions {
  /** Total attempts including the first (default 8). */
  maxAttempts?: number;
  /** Base delay in ms (default 50); attempt n waits random() × min(maxDelayMs, base × 2^n). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Injectable for tests (default: a timer). */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Full-jitter backoff delay before retry number `retry` (0-based). */
export function backoffDelay(retry: number, options: RetryOptions = {}): number {
  const cap = Math.min(options.maxDelayMs ?? 2000, (options.baseDelayMs ?? 50) * 2 ** retry);
  return Math.floor((options.random ?? Math.random)() * cap);
}

/**
 * Sends `work`, then resends whatever `send` reports as unprocessed, waiting with backoff between
 * attempts. Returns what is left after the last attempt (empty when everything went through).
 */
export async function retryUnprocessed<T>(work: T[], send: (batch: T[]) => Promise<T[]>, options: RetryOptions = {}): Promise<{ left: T[]; attempts: number }> {
  const maxAttempts = options.maxAttempts ?? 8;
  const sleep = options.sleep ?? defaultSleep;
  let pending = work;
  let attempts = 0;
  while (pending.length > 0 && attempts < maxAttempts) {
    if (attempts > 0) await sleep(backoffDelay(attempts - 1, options));
    pending = await send(pending);
    attempts += 1;
  }
  return { left: pending, attempts };
}
