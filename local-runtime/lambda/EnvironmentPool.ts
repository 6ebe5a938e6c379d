import { logStreamNameFor } from './createContext';
import type { EnvironmentStarter, ExecutionEnvironment } from './ExecutionEnvironment';

/**
 * A function's execution environments: idle ones are reused (warm, most recently used first, as
 * Lambda tends to), a new one is started (cold, its Init) when none is idle. An environment that
 * died (timeout, crash) or belongs to an earlier generation (a reload) is not reused.
 */
export class EnvironmentPool {
  readonly #start: EnvironmentStarter;
  readonly #idle: ExecutionEnvironment[] = [];
  readonly #all = new Set<ExecutionEnvironment>();
  readonly #generation = new WeakMap<ExecutionEnvironment, number>();
  /** Environments that have served an invocation (a pre-started one's first invocation is still its cold start). */
  readonly #used = new WeakSet<ExecutionEnvironment>();
  #current = 0;
  #closed = false;

  constructor(start: EnvironmentStarter) {
    this.#start = start;
  }

  /** Environments alive now. */
  get size(): number {
    return this.#all.size;
  }

  /** An idle environment, or a new one; an Init failure is returned (the invocation reports it). */
  async lease(): Promise<{ environment: ExecutionEnvironment; cold: boolean } | Error> {
    for (let idle = this.#idle.pop(); idle !== undefined; idle = this.#idle.pop()) {
      if (idle.alive) {
        const cold = !this.#used.has(idle);
        this.#used.add(idle);
        return { environment: idle, cold };
      }
      this.#all.delete(idle);
    }
    const generation = this.#current;
    try {
      const environment = await this.#start(logStreamNameFor(new Date()));
      this.#all.add(environment);
      this.#generation.set(environment, generation);
      this.#used.add(environment);
      return { environment, cold: true };
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  /** Starts an environment ahead of any invocation (Init at start, to report its errors); it waits idle. */
  async prestart(): Promise<Error | undefined> {
    const generation = this.#current;
    try {
      const environment = await this.#start(logStreamNameFor(new Date()));
      this.#all.add(environment);
      this.#generation.set(environment, generation);
      this.giveBack(environment);
      return undefined;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  /** Returns an environment after its invocation: kept warm if it can serve again, else ended. */
  giveBack(environment: ExecutionEnvironment): void {
    if (environment.alive && !this.#closed && this.#generation.get(environment) === this.#current) {
      this.#idle.push(environment);
      return;
    }
    this.#all.delete(environment);
    void environment.dispose();
  }

  /** Ends idle environments now and busy ones when they are given back. */
  async discardAll(): Promise<void> {
    this.#current += 1;
    const idle = this.#idle.splice(0);
    for (const environment of idle) this.#all.delete(environment);
    await Promise.all(idle.map((environment) => environment.dispose()));
  }

  /** Ends every environment, busy ones too (an endless handler is stopped). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#idle.length = 0;
    const all = [...this.#all];
    this.#all.clear();
    await Promise.all(all.map((environment) => environment.dispose()));
  }
}
