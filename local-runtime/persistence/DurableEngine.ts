import { mkdir, open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { Engine, type EngineOptions } from '../engine/Engine';
import { Journal, type JournalEntry } from './Journal';
import { PersistenceError } from './PersistenceError';
import { readJournal } from './readJournal';

/** Operations whose success changes what a restart must restore. */
const MUTATING = new Set([
  'CreateTable', 'DeleteTable', 'UpdateTable', 'UpdateTimeToLive', 'TagResource', 'UntagResource',
  'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems',
  'ExecuteStatement', 'BatchExecuteStatement', 'ExecuteTransaction',
]);
/** Of those, the ones that shape a table rather than its items (kept when the journal is compacted). */
const SCHEMA = new Set(['CreateTable', 'UpdateTable', 'UpdateTimeToLive', 'TagResource', 'UntagResource']);

const JOURNAL_FILE = 'journal.jsonl';

/**
 * An engine whose tables survive restarts (`tidepool serve --data-dir`). Every successful
 * mutating request is appended to a journal and fsync'd before it is answered, so an acknowledged
 * write is never lost, even to `kill -9`; a write torn by a crash was never acknowledged and is
 * dropped. At open the journal is replayed, then compacted (table definitions + current items)
 * into a new file swapped in atomically.
 */
export class DurableEngine extends Engine {
  #journal: Journal | undefined;
  /** Schema requests per table, in order: what compaction keeps besides the items. */
  readonly #schema = new Map<string, JournalEntry[]>();
  #queue: Promise<unknown> = Promise.resolve();

  /** Opens (or creates) the data directory and restores its tables. */
  static async open(dataDir: string, options: EngineOptions): Promise<DurableEngine> {
    await mkdir(dataDir, { recursive: true });
    const path = join(dataDir, JOURNAL_FILE);
    const engine = new DurableEngine(options);
    const { entries } = await readJournal(path);
    for (const [index, entry] of entries.entries()) {
      try {
        await engine.#apply(entry);
      } catch (error) {
        throw new PersistenceError(`${path}:${index + 1}: ${entry.op} could not be re-applied: ${(error as Error).message}`, { cause: error });
      }
    }
    await engine.#compact(dataDir, path);
    engine.#journal = await Journal.open(path);
    return engine;
  }

  override async execute(operation: string, input: unknown): Promise<Record<string, unknown>> {
    if (!MUTATING.has(operation) || !this.#journal) return super.execute(operation, input);
    const journal = this.#journal;
    // Apply and enqueue under one lock so the journal's order is the order of application;
    // wait for the disk outside it so concurrent writes share one fsync.
    const { output, durable } = await this.#exclusive(async () => {
      const result = await this.#apply({ op: operation, input: input as Record<string, unknown> });
      return { output: result, durable: journal.append({ op: operation, input: input as Record<string, unknown> }) };
    });
    await durable;
    return output;
  }

  /** Writes wait for the journal, so they answer with a promise; everything else answers at once. */
  override executeNow(operation: string, input: unknown, requestJson?: string): Record<string, unknown> | Promise<Record<string, unknown>> {
    if (MUTATING.has(operation) && this.#journal) return this.execute(operation, input);
    return super.executeNow(operation, input, requestJson);
  }

  /** Flushes and closes the journal. */
  async close(): Promise<void> {
    await this.#journal?.close();
    this.#journal = undefined;
  }

  async #apply(entry: JournalEntry): Promise<Record<string, unknown>> {
    const output = await super.execute(entry.op, entry.input);
    const table = tableOf(entry.input);
    if (entry.op === 'DeleteTable' && table) this.#schema.delete(table);
    else if (SCHEMA.has(entry.op) && table) this.#schema.set(table, [...(this.#schema.get(table) ?? []), entry]);
    return output;
  }

  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Rewrites the journal as schema requests + one PutItem per current item, then swaps it in. */
  async #compact(dataDir: string, path: string): Promise<void> {
    const temporary = join(dataDir, `${JOURNAL_FILE}.compacting`);
    const file = await open(temporary, 'w');
    try {
      for (const [table, schema] of this.#schema) {
        if (!this.tables.has(table)) continue;
        await file.write(schema.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
        let start: unknown;
        do {
          const page = await super.execute('Scan', { TableName: table, ...(start !== undefined && { ExclusiveStartKey: start }) });
          const items = (page['Items'] ?? []) as Record<string, unknown>[];
          await file.write(items.map((item) => `${JSON.stringify({ op: 'PutItem', input: { TableName: table, Item: item } })}\n`).join(''));
          start = page['LastEvaluatedKey'];
        } while (start !== undefined);
      }
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
    const directory = await open(dataDir, 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  }
}

/** The table a request names: `TableName`, or the table in a tagging request's `ResourceArn`. */
function tableOf(input: Record<string, unknown>): string | undefined {
  if (typeof input['TableName'] === 'string') return input['TableName'];
  const arn = input['ResourceArn'];
  return typeof arn === 'string' ? /:table\/([^/]+)/.exec(arn)?.[1] : undefined;
}
