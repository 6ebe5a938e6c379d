import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Engine, type EngineOptions } from '../engine/Engine';
import type { EngineEffects } from '../engine/EngineEffects';
import type { RememberedToken } from '../engine/operations/transactionTokens';
import type { WireItem } from '../engine/values/AttributeValue';
import { applyRecord, snapshotRecords, type EngineRecord } from './engineRecords';
import { journalName, listDataDir, removeFiles, snapshotName, syncDir, writeFileSafely } from './dataDirFiles';
import { Journal } from './Journal';
import { PersistenceError } from './PersistenceError';
import { encodeRecord } from './recordFormat';
import { loadDataDir, type LoadResult } from './loadDataDir';
import { backUpDataDir } from './backUpDataDir';

/** Operations that change a table's definition (the rest change items, which the engine reports itself). */
const CONTROL = new Set(['CreateTable', 'DeleteTable', 'UpdateTable', 'UpdateTimeToLive', 'TagResource', 'UntagResource']);

/** How {@link DurableEngine.open} treats the directory. */
export interface DurableOpenOptions {
  /** Salvage what verifies from a damaged directory, after copying it beside itself (`<dir>.damaged-<time>`). */
  repair?: boolean;
  /** Called at named points of compaction (tests crash the process there). */
  crashPoint?: (point: string) => void;
  /** Opening compacts when the journal is larger than this (default: 1 MiB or a quarter of the snapshot, whichever is larger). */
  compactBytes?: number;
}

/**
 * An engine whose tables survive restarts (`tidepool serve|start --data-dir`). The directory holds what happened,
 * never requests: a snapshot (table definitions, items, the ClientRequestToken memo with its times, stream records
 * and shard state) and a journal of effects after it (the item images and deletions each request or TTL sweep
 * committed, definition changes, tokens, stream records). Every record is checksummed; a write is answered only once
 * its record is fsync'd. Opening applies state and never evaluates a condition or expression again.
 */
export class DurableEngine extends Engine implements EngineEffects {
  #journal: Journal | undefined;
  #batch: EngineRecord | undefined;
  #running = false;
  #orphanFlush = false;
  #lastStreamN = 0;
  #failure: unknown;
  /** Messages about what opening found (a torn last record dropped, a migration, a repair). */
  readonly warnings: string[] = [];

  private constructor(
    options: EngineOptions,
    readonly dataDir: string,
    readonly openOptions: DurableOpenOptions,
  ) {
    super(options);
  }

  /** Opens (or creates) the data directory and restores its state; a damaged directory rejects with {@link PersistenceError}. */
  static async open(dataDir: string, options: EngineOptions, openOptions: DurableOpenOptions = {}): Promise<DurableEngine> {
    await mkdir(dataDir, { recursive: true });
    const engine = new DurableEngine(options, dataDir, openOptions);
    let loaded: LoadResult;
    try {
      loaded = await loadDataDir(engine, dataDir, { salvage: false });
    } catch (error) {
      if (!(error instanceof PersistenceError) || !openOptions.repair) throw error;
      const copy = await backUpDataDir(dataDir);
      const fresh = new DurableEngine(options, dataDir, openOptions);
      loaded = await loadDataDir(fresh, dataDir, { salvage: true });
      fresh.warnings.push(`repair: ${error.message}; the original directory is copied to ${copy}`);
      return fresh.#start(loaded);
    }
    return engine.#start(loaded);
  }

  async #start(loaded: LoadResult): Promise<this> {
    this.warnings.push(...loaded.warnings);
    this.#lastStreamN = this.streamLog.lastCounter;
    const { listing } = loaded;
    const base = listing.snapshots.at(-1) ?? 0;
    const last = listing.journals.at(-1);
    const snapshotBytes = listing.snapshots.length > 0 ? (await stat(join(this.dataDir, snapshotName(base)))).size : 0;
    const reuse =
      !loaded.repaired && !loaded.torn && !listing.legacy && listing.snapshots.length <= 1 && listing.leftovers.length === 0 &&
      listing.journals.length <= 1 && (last === undefined || last === base) && loaded.journalBytes <= (this.openOptions.compactBytes ?? Math.max(1 << 20, snapshotBytes / 4));
    if (reuse) this.#journal = await Journal.open(join(this.dataDir, journalName(base)));
    else this.#journal = await this.#compact(base + 1, listing);
    if (!reuse && listing.legacy) await rename(join(this.dataDir, 'journal.jsonl'), join(this.dataDir, 'journal.jsonl.migrated'));
    this.effects = this;
    return this;
  }

  /** Writes a snapshot of the state as generation `generation`, starts its journal, then removes what it replaces. */
  async #compact(generation: number, listing: Awaited<ReturnType<typeof listDataDir>>): Promise<Journal> {
    const crashPoint = this.openOptions.crashPoint;
    const records = snapshotRecords(this, generation);
    await writeFileSafely(this.dataDir, snapshotName(generation), (function* () {
      for (const record of records) yield encodeRecord(record);
    })(), crashPoint);
    const journal = await Journal.open(join(this.dataDir, journalName(generation)));
    await syncDir(this.dataDir);
    crashPoint?.('compaction-before-cleanup');
    await removeFiles(this.dataDir, [
      ...listing.snapshots.filter((g) => g < generation).map(snapshotName),
      ...listing.journals.filter((g) => g < generation).map(journalName),
      ...listing.leftovers,
    ]);
    return journal;
  }

  /** Part of {@link EngineEffects}: an item stored or deleted. */
  write(table: string, key: WireItem, item: WireItem | undefined): void {
    ((this.#batch ??= {}).w ??= []).push(item ? [table, 1, item] : [table, 0, key]);
    this.#noteOrphan();
  }

  /** Part of {@link EngineEffects}: a transaction's result remembered under its token. */
  token(entry: RememberedToken): void {
    ((this.#batch ??= {}).k ??= []).push(entry);
    this.#noteOrphan();
  }

  override async execute(operation: string, input: unknown): Promise<Record<string, unknown>> {
    if (!this.#journal) return super.execute(operation, input);
    const durable = this.#around(operation, input, () => super.execute(operation, input));
    const output = await durable.output;
    await durable.written;
    return output;
  }

  /** Writes wait for the journal, so they answer with a promise; everything else answers at once. */
  override executeNow(operation: string, input: unknown, requestJson?: string): Record<string, unknown> | Promise<Record<string, unknown>> {
    if (!this.#journal) return super.executeNow(operation, input, requestJson);
    const { output, written } = this.#around(operation, input, () => super.executeNow(operation, input, requestJson));
    return written ? written.then(() => output) : output;
  }

  /** Runs one operation (synchronous in the engine) and queues the record of what it did, in the order of application. */
  #around<T>(operation: string, input: unknown, run: () => T): { output: T; written: Promise<void> | undefined } {
    if (this.#failure !== undefined) throw new PersistenceError(`the data directory can no longer be written: ${String(this.#failure)}`);
    this.#flush();
    this.#running = true;
    let output: T;
    try {
      output = run();
    } catch (error) {
      this.#running = false;
      this.#flush();
      throw error;
    }
    this.#running = false;
    if (CONTROL.has(operation)) this.#noteTables(input);
    return { output, written: this.#flush() };
  }

  /** Definition changes: the named table as it now is, or its deletion; plus the stream state it may have changed. */
  #noteTables(input: unknown): void {
    const name = tableOf(input as Record<string, unknown>);
    if (name === undefined) return;
    const batch = (this.#batch ??= {});
    const table = this.tables.get(name);
    if (table) (batch.t ??= []).push(structuredClone(table.definition));
    else (batch.d ??= []).push(name);
    batch.s = this.streamLog.exportState(this.#lastStreamN);
  }

  /** Effects outside any request (a TTL sweep on its timer) are written at the end of this turn. */
  #noteOrphan(): void {
    if (this.#running || this.#orphanFlush) return;
    this.#orphanFlush = true;
    queueMicrotask(() => {
      this.#orphanFlush = false;
      this.#flush()?.catch((error: unknown) => (this.#failure ??= error));
    });
  }

  /** Queues the collected effects (and new stream records) as one journal record; undefined when there are none. */
  #flush(): Promise<void> | undefined {
    const journal = this.#journal;
    if (!journal) return undefined;
    const lastN = this.streamLog.lastCounter;
    let batch = this.#batch;
    if (lastN !== this.#lastStreamN && !batch?.s) (batch ??= {}).s = this.streamLog.exportState(this.#lastStreamN);
    this.#batch = undefined;
    this.#lastStreamN = lastN;
    if (!batch) return undefined;
    const written = journal.append(encodeRecord(batch));
    written.catch((error: unknown) => (this.#failure ??= error));
    return written;
  }

  /** Flushes and closes the journal. */
  async close(): Promise<void> {
    this.#flush();
    const journal = this.#journal;
    this.#journal = undefined;
    this.effects = undefined;
    await journal?.close();
  }

  /** Re-runs a `journal.jsonl` of requests (the format before effects), once, to migrate it. */
  async replayLegacy(path: string): Promise<void> {
    const lines = (await readFile(path, 'utf8')).split('\n');
    const complete = lines.slice(0, -1);
    if ((lines.at(-1) ?? '') !== '') this.warnings.push(`${path}: dropped a last line torn by a crash`);
    for (const [index, line] of complete.entries()) {
      let entry: { op: string; input: Record<string, unknown> };
      try {
        entry = JSON.parse(line) as typeof entry;
        await super.execute(entry.op, entry.input);
      } catch (error) {
        throw new PersistenceError(`${path}:${index + 1}: could not migrate this line: ${(error as Error).message}`, path);
      }
    }
    this.warnings.push(`${path}: migrated a request journal of an older Tidepool to snapshot + effects journal (kept as journal.jsonl.migrated)`);
  }
}

/** The table a request names: `TableName`, or the table in a tagging request's `ResourceArn`. */
function tableOf(input: Record<string, unknown>): string | undefined {
  if (typeof input['TableName'] === 'string') return input['TableName'];
  const arn = input['ResourceArn'];
  return typeof arn === 'string' ? /:table\/([^/]+)/.exec(arn)?.[1] : undefined;
}
