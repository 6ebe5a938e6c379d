import type { StreamSource } from '../engine/streams/types';

/** Anything the pump drives: a stream mapping, an SQS queue mapping, the async invocation queue. */
export interface Pollable {
  /** Does one unit of work if there is one; resolves whether it did. */
  poll(): Promise<boolean>;
}

/** How often mappings are polled when nothing new arrived (lets batch windows close). */
const IDLE_POLL_MS = 200;

/**
 * Drives stream mappings (and the messaging pollers) in real time: polls as soon as a record is appended, and on a short
 * interval so batch windows and retries progress. One pass at a time; passes never overlap.
 */
export class StreamPump {
  #timer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;
  #running: Promise<void> | undefined;
  #again = false;

  constructor(
    private readonly source: StreamSource,
    private readonly mappings: Pollable[],
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    if (this.#timer) return;
    this.#unsubscribe = this.source.onAppend(() => this.kick());
    this.#timer = setInterval(() => this.kick(), IDLE_POLL_MS);
    this.#timer.unref();
    this.kick();
  }

  kick(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#pass().finally(() => {
      this.#running = undefined;
      if (this.#again) {
        this.#again = false;
        this.kick();
      }
    });
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#unsubscribe?.();
    await this.#running;
  }

  async #pass(): Promise<void> {
    try {
      let worked = true;
      while (worked && this.#timer) {
        worked = false;
        for (const mapping of this.mappings) {
          if (await mapping.poll()) worked = true;
        }
      }
    } catch (error) {
      this.onError(error);
    }
  }
}
