import { open, type FileHandle } from 'node:fs/promises';

/**
 * An append-only, fsync'd file of records with group commit: every `append` resolves only once its bytes are on
 * disk (one `fdatasync` covers all records queued meanwhile), so a caller that waits for it before acknowledging
 * a write never acknowledges a write that a crash can lose. Call order is the order on disk.
 */
export class Journal {
  readonly #file: FileHandle;
  #pending: Array<{ bytes: Buffer; done: (error?: unknown) => void }> = [];
  #flushing: Promise<void> | undefined;
  #size: number;

  private constructor(
    file: FileHandle,
    size: number,
    readonly path: string,
  ) {
    this.#file = file;
    this.#size = size;
  }

  /** Opens (creating if needed) the journal at `path` for appending. */
  static async open(path: string): Promise<Journal> {
    const file = await open(path, 'a');
    return new Journal(file, (await file.stat()).size, path);
  }

  /** Bytes in the file once everything queued is written. */
  get size(): number {
    return this.#size;
  }

  /** Queues `bytes` (one or more encoded records); resolves once they are durable. */
  append(bytes: Buffer): Promise<void> {
    this.#size += bytes.length;
    return new Promise((resolve, reject) => {
      this.#pending.push({ bytes, done: (error) => (error ? reject(error) : resolve()) });
      this.#flushing ??= this.#flush();
    });
  }

  /** Waits for everything queued, then closes the file. */
  async close(): Promise<void> {
    while (this.#flushing) await this.#flushing;
    await this.#file.close();
  }

  async #flush(): Promise<void> {
    // Let every request of this turn of the event loop queue its record first (group commit).
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#pending.length > 0) {
      const batch = this.#pending;
      this.#pending = [];
      try {
        await this.#file.write(batch.length === 1 ? batch[0]!.bytes : Buffer.concat(batch.map((p) => p.bytes)));
        await this.#file.datasync();
        for (const p of batch) p.done();
      } catch (error) {
        for (const p of batch) p.done(error);
      }
    }
    this.#flushing = undefined;
  }
}
