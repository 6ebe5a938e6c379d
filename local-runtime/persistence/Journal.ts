import { open, type FileHandle } from 'node:fs/promises';

/** One journal line: an operation that changed the engine, with its exact input. */
export interface JournalEntry {
  op: string;
  input: Record<string, unknown>;
}

/**
 * An append-only, fsync'd log of JSON lines with group commit: every `append` resolves only once
 * its line is on disk (one `fdatasync` covers all lines queued meanwhile), so a caller that waits
 * for it before acknowledging a write never acknowledges a write that a crash can lose.
 */
export class Journal {
  readonly #file: FileHandle;
  #pending: Array<{ line: string; done: (error?: unknown) => void }> = [];
  #flushing: Promise<void> | undefined;

  private constructor(file: FileHandle) {
    this.#file = file;
  }

  /** Opens (creating if needed) the journal at `path` for appending. */
  static async open(path: string): Promise<Journal> {
    return new Journal(await open(path, 'a'));
  }

  /** Queues `entry`; resolves once it is durable. Call order is the order on disk. */
  append(entry: JournalEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ line: `${JSON.stringify(entry)}\n`, done: (error) => (error ? reject(error) : resolve()) });
      this.#flushing ??= this.#flush();
    });
  }

  async close(): Promise<void> {
    while (this.#flushing) await this.#flushing;
    await this.#file.close();
  }

  async #flush(): Promise<void> {
    // Let every request of this turn of the event loop queue its line first (group commit).
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#pending.length > 0) {
      const batch = this.#pending;
      this.#pending = [];
      try {
        await this.#file.write(batch.map((p) => p.line).join(''));
        await this.#file.datasync();
        for (const p of batch) p.done();
      } catch (error) {
        for (const p of batch) p.done(error);
      }
    }
    this.#flushing = undefined;
  }
}
