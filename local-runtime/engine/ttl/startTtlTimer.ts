import type { TtlSweeper } from './TtlSweeper';

/** How often `tidepool start` sweeps for expired items. */
export const TTL_SWEEP_INTERVAL_MS = 1000;

/**
 * Sweeps expired items on a real-time interval (for `tidepool start`/`serve`); returns a stop function.
 * The timer is unref'd so it never keeps the process alive.
 */
export function startTtlTimer(sweeper: TtlSweeper, onError: (error: unknown) => void, intervalMs = TTL_SWEEP_INTERVAL_MS): () => void {
  const timer = setInterval(() => {
    try {
      sweeper.sweep();
    } catch (error) {
      onError(error);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
