import { Table } from '../storage/Table';
import type { WireItem } from '../values/AttributeValue';

interface PendingWrite {
  at: number;
  key: WireItem;
  item: WireItem | undefined;
}

/**
 * A copy of a table that receives the table's writes late, in commit order: each write is applied once the clock
 * reaches its delivery time. Delivery times never go backwards, so the copy always holds the table as it was at
 * some earlier moment (never a mix no real moment had), at most the largest delay old.
 */
export class LaggedReplica {
  readonly table: Table;
  readonly #pending: PendingWrite[] = [];
  #head = 0;
  #last = Number.NEGATIVE_INFINITY;

  /** A replica holding `primary`'s current items. */
  constructor(primary: Table) {
    this.table = new Table(primary.definition);
    for (const { item } of primary.items.scan()) this.table.put(item);
  }

  /** A write committed on the primary, to apply at `at` (or after the previous write, whichever is later). */
  enqueue(at: number, key: WireItem, item: WireItem | undefined): void {
    this.#last = Math.max(this.#last, at);
    this.#pending.push({ at: this.#last, key, item });
  }

  /** Apply every write due by `now`; returns the replica's table. */
  at(now: number): Table {
    const pending = this.#pending;
    while (this.#head < pending.length && (pending[this.#head] as PendingWrite).at <= now) {
      const { key, item } = pending[this.#head] as PendingWrite;
      if (item) this.table.put(item);
      else this.table.delete(key);
      this.#head += 1;
    }
    if (this.#head > 1024 && this.#head * 2 > pending.length) {
      pending.splice(0, this.#head);
      this.#head = 0;
    }
    return this.table;
  }

  /** Writes not yet applied. */
  get lagging(): number {
    return this.#pending.length - this.#head;
  }
}
