import { itemSize } from '../values/itemSize';
import { formatSequenceNumber } from './sequenceNumbers';
import type { WireItem } from '../values/AttributeValue';
import type { ShardInfo, StreamRecord } from './types';
import type { ShardState } from './streamLogState';

/**
 * One appended change, kept as the write left it: its record (objects, sequence number and event id strings) is
 * built by the stream's `materialize` the first time it is read, so a write with a stream on stays cheap.
 */
export interface PendingRecord {
  n: number;
  atMs: number;
  eventName: StreamRecord['eventName'];
  /** Per-log event counter (the record's eventID is made from it). */
  eventNumber: number;
  keys: WireItem;
  /** Only the images the stream's view type keeps (stored items: never changed in place). */
  newImage: WireItem | undefined;
  oldImage: WireItem | undefined;
  userIdentity: { type: string; principalId: string } | undefined;
  record?: StreamRecord;
}

/** Fill in a record's SizeBytes (keys plus images, as DynamoDB counts it) the first time it is read. */
function withSize(record: StreamRecord): StreamRecord {
  const d = record.dynamodb;
  if (d.SizeBytes < 0) d.SizeBytes = itemSize(d.Keys) + (d.NewImage ? itemSize(d.NewImage) : 0) + (d.OldImage ? itemSize(d.OldImage) : 0);
  return record;
}

/**
 * One shard: an append-only run of records with increasing sequence counters, closed at most once.
 * Records older than the retention period are trimmed from its head.
 */
export class StreamShard {
  readonly #entries: PendingRecord[] = [];
  /** Counter of the newest trimmed record; positions before it are gone. */
  #trimmedThrough = -1;
  #appended = 0;
  #endN: number | undefined;
  #closedAtMs: number | undefined;

  constructor(
    readonly shardId: string,
    readonly parentShardId: string | undefined,
    readonly createdAtMs: number,
    /** Counter the shard's range starts at. */
    readonly startN: number,
    /** Builds the record of an appended change (on first read). */
    readonly materialize: (pending: PendingRecord) => StreamRecord,
  ) {}

  get closed(): boolean {
    return this.#endN !== undefined;
  }

  /** Counter of the last record the shard will ever hold (closed shards only). */
  get endN(): number | undefined {
    return this.#endN;
  }

  get closedAtMs(): number | undefined {
    return this.#closedAtMs;
  }

  /** Records appended since the shard opened (trimmed ones included). */
  get appended(): number {
    return this.#appended;
  }

  get trimmedThrough(): number {
    return this.#trimmedThrough;
  }

  get isEmpty(): boolean {
    return this.#entries.length === 0;
  }

  /** Counter of the newest record, or undefined. */
  get lastN(): number | undefined {
    return this.#entries[this.#entries.length - 1]?.n;
  }

  append(pending: PendingRecord): void {
    this.#entries.push(pending);
    this.#appended += 1;
  }

  /** Close the shard: it ends at its last record (or at its start when it never held one). */
  close(nowMs: number): void {
    if (this.#endN !== undefined) return;
    this.#endN = this.lastN ?? this.startN;
    this.#closedAtMs = nowMs;
  }

  /** Drop records appended before `horizonMs`. */
  trim(horizonMs: number): void {
    let drop = 0;
    while (drop < this.#entries.length && (this.#entries[drop] as PendingRecord).atMs < horizonMs) drop += 1;
    if (drop === 0) return;
    this.#trimmedThrough = (this.#entries[drop - 1] as PendingRecord).n;
    this.#entries.splice(0, drop);
  }

  /** Records with counter > `afterN`, at most `limit`, oldest first (the memoised objects: callers copy). */
  readAfter(afterN: number, limit: number): StreamRecord[] {
    let lo = 0;
    let hi = this.#entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.#entries[mid] as PendingRecord).n <= afterN) lo = mid + 1;
      else hi = mid;
    }
    const out: StreamRecord[] = [];
    for (let i = lo; i < this.#entries.length && out.length < limit; i++) {
      const pending = this.#entries[i] as PendingRecord;
      out.push(withSize((pending.record ??= this.materialize(pending))));
    }
    return out;
  }

  /** The shard's state with its records after counter `afterN` (see `StreamLog.exportState`). */
  exportState(afterN: number): ShardState {
    let from = this.#entries.length;
    while (from > 0 && (this.#entries[from - 1] as PendingRecord).n > afterN) from -= 1;
    const entries = this.#entries.slice(from).map(({ record: _, ...pending }) => pending);
    const { shardId, parentShardId, createdAtMs, startN } = this;
    return { shardId, parentShardId, createdAtMs, startN, endN: this.#endN, closedAtMs: this.#closedAtMs, appended: this.#appended, trimmedThrough: this.#trimmedThrough, entries };
  }

  /** Takes over a state {@link StreamShard.exportState} gave: records newer than the last one held are appended. */
  importState(state: ShardState): void {
    const last = this.lastN ?? -1;
    for (const entry of state.entries) if (entry.n > last) this.#entries.push({ ...entry });
    this.#appended = state.appended;
    this.#trimmedThrough = Math.max(this.#trimmedThrough, state.trimmedThrough);
    this.#endN = state.endN;
    this.#closedAtMs = state.closedAtMs;
  }

  info(): ShardInfo {
    return {
      shardId: this.shardId,
      ...(this.parentShardId !== undefined ? { parentShardId: this.parentShardId } : {}),
      startingSequenceNumber: formatSequenceNumber(this.startN),
      ...(this.#endN !== undefined ? { endingSequenceNumber: formatSequenceNumber(this.#endN) } : {}),
    };
  }
}
