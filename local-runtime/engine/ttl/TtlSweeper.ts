import { extractKey } from '../storage/keys';
import { getAttribute } from '../values/attributeAccess';
import type { Engine } from '../Engine';
import type { Table } from '../storage/Table';
import type { WireItem } from '../values/AttributeValue';

/** How expiry behaves. */
export interface TtlOptions {
  /**
   * How long after its expiry time an item may still be read before a sweep removes it. AWS deletes expired items
   * "within a few days"; locally the default 0 means: at the next sweep.
   */
  deletionDelayMs?: number;
}

/** The identity DynamoDB puts on a TTL deletion's stream record (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-streams.html). */
export const TTL_USER_IDENTITY = Object.freeze({ type: 'Service', principalId: 'dynamodb.amazonaws.com' });

/** Items whose TTL lies more than five years in the past are never deleted (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html). */
const FIVE_YEARS_MS = 5 * 365 * 24 * 60 * 60 * 1000;

/** The expiry time in ms of an item, or undefined when its TTL attribute is missing or not a Number. */
function expiryMs(item: WireItem, attribute: string): number | undefined {
  const value = getAttribute(item, attribute);
  if (value === undefined || !('N' in value)) return undefined;
  const seconds = Number(value.N);
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

/**
 * Time to Live: deletes the items of every table with TTL enabled whose TTL attribute (a Number, epoch seconds)
 * lies before the engine clock's now. Each deletion removes the item and its index entries and writes a REMOVE
 * stream record marked with {@link TTL_USER_IDENTITY}. Expired items stay readable until a sweep runs: tests call
 * `sweep()` (the runtime's `drain()` does) after advancing a virtual clock; `tidepool start` sweeps on a timer.
 *
 * @example
 * clock.advance(3_600_000);
 * engine.ttl.sweep(); // → number of items deleted
 */
export class TtlSweeper {
  readonly #delayMs: number;
  /** Per table, what the last sweep saw: nothing can newly expire until the clock or the table moves. */
  readonly #lastSweep = new WeakMap<Table, { now: number; writes: number; attribute: string }>();

  constructor(
    private readonly engine: Engine,
    options: TtlOptions = {},
  ) {
    this.#delayMs = Math.max(0, options.deletionDelayMs ?? 0);
  }

  /** Delete every expired item now; returns how many were deleted. */
  sweep(): number {
    let deleted = 0;
    for (const table of this.engine.tables.values()) deleted += this.#sweepTable(table);
    return deleted;
  }

  #sweepTable(table: Table): number {
    const ttl = table.definition.timeToLive;
    if (!ttl?.Enabled) return 0;
    const now = this.engine.options.clock.now();
    const last = this.#lastSweep.get(table);
    if (last && last.now === now && last.writes === table.writes && last.attribute === ttl.AttributeName) return 0;
    const expired: WireItem[] = [];
    for (const { item } of table.items.scan()) {
      const at = expiryMs(item, ttl.AttributeName);
      if (at !== undefined && at < now && at + this.#delayMs <= now && now - at <= FIVE_YEARS_MS) expired.push(item);
    }
    for (const item of expired) {
      const keys = extractKey(item, table.definition.schema) as WireItem;
      if (this.engine.consistency) this.engine.consistency.record(table, keys, undefined);
      const old = table.delete(keys);
      this.engine.effects?.write(table.name, keys, undefined);
      const stream = table.definition.stream;
      if (old && stream) this.engine.streamLog.append(stream.arn, { keys, oldImage: old, newImage: undefined, userIdentity: { ...TTL_USER_IDENTITY } });
    }
    this.#lastSweep.set(table, { now, writes: table.writes, attribute: ttl.AttributeName });
    return expired.length;
  }
}
