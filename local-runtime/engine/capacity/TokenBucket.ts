/**
 * A token bucket on the runtime clock: it refills at `ratePerSecond` units a second and keeps at most
 * `burstSeconds` seconds of unused units, as DynamoDB's burst capacity does (up to 300 seconds of unused read and
 * write capacity, https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/burst-adaptive-capacity.html).
 *
 * A request is admitted while the bucket holds more than zero units and is then charged its full units, so one
 * large request can take the bucket below zero (into debt); later requests wait until the refill pays it back.
 */
export class TokenBucket {
  #tokens: number;
  #at: number;

  constructor(
    /** Units a second (the provisioned capacity); read live so an UpdateTable change applies at once. */
    private readonly rate: () => number,
    private readonly burstSeconds: number,
    now: number,
  ) {
    // A new bucket holds one second of capacity: no unused capacity has been retained yet.
    this.#tokens = rate();
    this.#at = now;
  }

  /** Units available at `now` (after the refill since the last look). */
  available(now: number): number {
    const rate = this.rate();
    if (now > this.#at) {
      const cap = rate * Math.max(1, this.burstSeconds);
      this.#tokens = Math.min(cap, this.#tokens + ((now - this.#at) / 1000) * rate);
      this.#at = now;
    }
    return this.#tokens;
  }

  /** Whether a request may start at `now`. */
  admits(now: number): boolean {
    return this.available(now) > 0;
  }

  /** Charge `units` (may go below zero). */
  take(units: number, now: number): void {
    this.available(now);
    this.#tokens -= units;
  }
}
