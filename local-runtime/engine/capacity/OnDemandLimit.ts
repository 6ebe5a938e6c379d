/** Thirty minutes: on-demand accommodates double the previous peak reached at least this long ago. */
const WINDOW_MS = 30 * 60 * 1000;

/**
 * The on-demand throughput rule: a table (or GSI) in on-demand mode serves up to twice its previous peak
 * instantly; more than that within 30 minutes is throttled. A new table's previous peak is half its initial
 * throughput (12,000 read / 4,000 write units a second) — its initial warm throughput
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode.html).
 * Peaks reached less than 30 minutes ago raise the limit only once they are 30 minutes old.
 */
export class OnDemandLimit {
  /** Per-second totals not yet 30 minutes old: [second start ms, units]. */
  readonly #recent: [number, number][] = [];
  #settledPeak: number;
  #second = Number.NaN;
  #used = 0;

  constructor(initialThroughput: number) {
    this.#settledPeak = initialThroughput / 2;
  }

  /** Units a second allowed at `now`. */
  limit(now: number): number {
    this.#roll(now);
    return 2 * this.#settledPeak;
  }

  /** Units used in the current second. */
  used(now: number): number {
    this.#roll(now);
    return this.#used;
  }

  add(units: number, now: number): void {
    this.#roll(now);
    this.#used += units;
  }

  #roll(now: number): void {
    const second = Math.floor(now / 1000) * 1000;
    if (second !== this.#second) {
      if (this.#used > 0) this.#recent.push([this.#second, this.#used]);
      this.#second = second;
      this.#used = 0;
    }
    while (this.#recent.length > 0 && (this.#recent[0] as [number, number])[0] + WINDOW_MS <= now) {
      const [, units] = this.#recent.shift() as [number, number];
      if (units > this.#settledPeak) this.#settledPeak = units;
    }
  }
}
