import { OnDemandLimit } from './OnDemandLimit';
import { PerSecondCounter } from './PerSecondCounter';
import { TokenBucket } from './TokenBucket';
import type { IndexDefinition, Table } from '../storage/Table';

/** Read or write. */
export type Direction = 'read' | 'write';

/** Per-partition-key-value ceilings: 3,000 read and 1,000 write units a second (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html). */
export const PARTITION_LIMITS: Record<Direction, number> = { read: 3000, write: 1000 };

/** A new on-demand table's initial throughput (its initial warm throughput): 12,000 reads and 4,000 writes a second. */
const ON_DEMAND_INITIAL: Record<Direction, number> = { read: 12000, write: 4000 };

/** Usage figures of one table or index, for the report. */
export interface ResourceUsage {
  readUnits: number;
  writeUnits: number;
  peakReadUnitsPerSecond: number;
  peakWriteUnitsPerSecond: number;
  throttledReads: number;
  throttledWrites: number;
}

const RATE_KEY: Record<Direction, 'ReadCapacityUnits' | 'WriteCapacityUnits'> = { read: 'ReadCapacityUnits', write: 'WriteCapacityUnits' };

/**
 * The capacity state of one table or one GSI: provisioned token buckets (rates read live from the definition, so
 * UpdateTable applies at once), the on-demand limits, per-partition counters and usage figures.
 */
export class ResourceCapacity {
  readonly usage: ResourceUsage = { readUnits: 0, writeUnits: 0, peakReadUnitsPerSecond: 0, peakWriteUnitsPerSecond: 0, throttledReads: 0, throttledWrites: 0 };
  readonly #buckets: Partial<Record<Direction, TokenBucket>> = {};
  readonly #onDemand: Partial<Record<Direction, OnDemandLimit>> = {};
  readonly #partitions: Record<Direction, PerSecondCounter> = { read: new PerSecondCounter(), write: new PerSecondCounter() };
  readonly #seconds: Record<Direction, PerSecondCounter> = { read: new PerSecondCounter(), write: new PerSecondCounter() };

  constructor(
    readonly table: Table,
    /** The GSI, or undefined for the table itself (its LSIs share the table's capacity). */
    readonly index: IndexDefinition | undefined,
    private readonly burstSeconds: number,
  ) {}

  /** ARN for ThrottlingReasons. */
  get arn(): string {
    return this.index ? this.index.arn : this.table.definition.arn;
  }

  get provisioned(): boolean {
    return this.table.definition.billingMode === 'PROVISIONED';
  }

  /** Provisioned units a second in `direction` (0 when on-demand). */
  rate(direction: Direction): number {
    const throughput = this.index ? this.index.provisionedThroughput : this.table.definition.provisionedThroughput;
    const value = throughput?.[RATE_KEY[direction]];
    return typeof value === 'number' ? value : 0;
  }

  /**
   * Why a request of `units` in `direction` (on `partition`, when known) may not start at `now`, as AWS's LimitType
   * (`ProvisionedThroughputExceeded`, `KeyRangeThroughputExceeded`), or undefined when it may.
   */
  limitHit(direction: Direction, partition: string | undefined, now: number): string | undefined {
    if (partition !== undefined && this.#partitions[direction].used(partition, now) >= PARTITION_LIMITS[direction]) return 'KeyRangeThroughputExceeded';
    if (this.provisioned) return this.#bucket(direction, now).admits(now) ? undefined : 'ProvisionedThroughputExceeded';
    const limit = this.#limit(direction);
    return limit.used(now) < limit.limit(now) ? undefined : 'KeyRangeThroughputExceeded';
  }

  /** Charge an admitted request. */
  charge(direction: Direction, partition: string | undefined, units: number, now: number): void {
    if (partition !== undefined) this.#partitions[direction].add(partition, units, now);
    if (this.provisioned) this.#bucket(direction, now).take(units, now);
    else this.#limit(direction).add(units, now);
    const second = this.#seconds[direction].add('', units, now);
    if (direction === 'read') {
      this.usage.readUnits += units;
      this.usage.peakReadUnitsPerSecond = Math.max(this.usage.peakReadUnitsPerSecond, second);
    } else {
      this.usage.writeUnits += units;
      this.usage.peakWriteUnitsPerSecond = Math.max(this.usage.peakWriteUnitsPerSecond, second);
    }
  }

  /** Count a throttled request. */
  throttled(direction: Direction): void {
    if (direction === 'read') this.usage.throttledReads += 1;
    else this.usage.throttledWrites += 1;
  }

  #bucket(direction: Direction, now: number): TokenBucket {
    // The bucket starts when the table was created: unused capacity since then counts as burst.
    return (this.#buckets[direction] ??= new TokenBucket(() => this.rate(direction), this.burstSeconds, Math.min(now, this.table.definition.createdAtMs)));
  }

  #limit(direction: Direction): OnDemandLimit {
    return (this.#onDemand[direction] ??= new OnDemandLimit(ON_DEMAND_INITIAL[direction]));
  }
}
