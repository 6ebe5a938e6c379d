/**
 * A count of concurrent executions with a ceiling (a function's reserved concurrency, the account's
 * limit): `tryAcquire` for synchronous callers (throttled when full), `acquire` for pollers and
 * queues (they wait, as Lambda's event source mappings and async queue retry throttled invocations).
 */
export class ConcurrencyLimit {
  readonly limit: number;
  #inUse = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`Concurrency limit must be a non-negative integer, got ${limit}`);
    this.limit = limit;
  }

  /** Executions running now. */
  get inUse(): number {
    return this.#inUse;
  }

  /** Takes a slot if one is free; returns its release function, or undefined when full. */
  tryAcquire(): (() => void) | undefined {
    if (this.#inUse >= this.limit) return undefined;
    this.#inUse += 1;
    return this.#releaser();
  }

  /** Waits for a free slot (first come, first served). A limit of 0 never frees one: it rejects. */
  async acquire(): Promise<() => void> {
    if (this.limit === 0) throw new RangeError('Concurrency limit is 0: the function cannot be invoked');
    for (;;) {
      const release = this.tryAcquire();
      if (release !== undefined) return release;
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#inUse -= 1;
      this.#waiting.shift()?.();
    };
  }
}
