/** Time source for everything time-dependent in the local runtime (stream timestamps, TTL, batch windows). */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number;
}

/** Wall-clock time: used by `tidepool start` and `serve`. */
export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }
}

/** A clock that only moves when told to: used by tests for deterministic TTL and batching windows. */
export class VirtualClock implements Clock {
  #now: number;

  constructor(startMs: number = Date.UTC(2026, 0, 1)) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  /** Move time forward by `ms` milliseconds (never backwards). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`VirtualClock.advance: expected a non-negative number of milliseconds, got ${ms}`);
    }
    this.#now += ms;
  }
}
