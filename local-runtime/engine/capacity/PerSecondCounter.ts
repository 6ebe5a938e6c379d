/**
 * Units consumed per whole second of the runtime clock, by key: the current second's count, the highest
 * per-second total seen, and (for the on-demand rule) the per-second totals of the last 30 minutes.
 */
export class PerSecondCounter {
  #second = Number.NaN;
  readonly #current = new Map<string, number>();

  /** Units used so far in the second of `now` under `key`. */
  used(key: string, now: number): number {
    this.#roll(now);
    return this.#current.get(key) ?? 0;
  }

  /** Add `units` to the second of `now` under `key`; returns the new total. */
  add(key: string, units: number, now: number): number {
    this.#roll(now);
    const total = (this.#current.get(key) ?? 0) + units;
    this.#current.set(key, total);
    return total;
  }

  #roll(now: number): void {
    const second = Math.floor(now / 1000);
    if (second === this.#second) return;
    this.#second = second;
    this.#current.clear();
  }
}
