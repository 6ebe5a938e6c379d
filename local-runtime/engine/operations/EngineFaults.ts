import { DynamoDbError } from '../errors';

/** What {@link EngineFaults.injectTransactionConflict} takes. */
export interface TransactionConflictOptions {
  /** Only writes to this table conflict (default: any table). */
  table?: string;
  /** How many requests fail before the fault clears itself (default 1). */
  times?: number;
}

/** AWS's message for an item locked by an ongoing transaction. */
export const TRANSACTION_CONFLICT_MESSAGE = 'Transaction is ongoing for the item';

/**
 * Faults a test can switch on to exercise retry paths that one in-process engine never hits by itself
 * (transactions here never overlap).
 */
export class EngineFaults {
  #conflicts: { table: string | undefined; remaining: number }[] = [];

  /**
   * Make the next `times` requests that write to `table` (any table when omitted) fail as if a concurrent transaction
   * held the item: PutItem/UpdateItem/DeleteItem throw `TransactionConflictException`; TransactWriteItems and
   * TransactGetItems throw `TransactionCanceledException` whose reason for each affected item is
   * `{ Code: 'TransactionConflict' }`
   * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-conflict-handling).
   * Nothing is written by a request that fails this way.
   *
   * @example
   * engine.faults.injectTransactionConflict({ table: 'orders', times: 2 });
   * // the next two writes to `orders` fail; the third succeeds
   */
  injectTransactionConflict(options: TransactionConflictOptions = {}): void {
    this.#conflicts.push({ table: options.table, remaining: options.times ?? 1 });
  }

  /** Whether any fault is waiting (the write paths skip all fault work when none is). */
  get armed(): boolean {
    return this.#conflicts.length > 0;
  }

  /** Drop all injected faults. */
  clear(): void {
    this.#conflicts = [];
  }

  /** Whether a request touching `tables` should conflict, and on which of them; spends one use when it does. */
  takeConflict(tables: readonly string[]): Set<string> | undefined {
    const fault = this.#conflicts.find((c) => c.table === undefined || tables.includes(c.table));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#conflicts.splice(this.#conflicts.indexOf(fault), 1);
    return new Set(fault.table === undefined ? tables : [fault.table]);
  }

  /** Throw `TransactionConflictException` when a non-transactional write to `table` should conflict. */
  assertNoConflict(table: string): void {
    if (this.armed && this.takeConflict([table])) throw new DynamoDbError('TransactionConflictException', TRANSACTION_CONFLICT_MESSAGE);
  }
}
