import { DynamoDbError } from '../errors';
import { getAttribute } from '../values/attributeAccess';
import { keyValueText } from '../storage/keys';
import { itemSize } from '../values/itemSize';
import { readUse, writeUse } from '../operations/capacity';
import { transactionCanceled } from '../operations/transactionCanceled';
import { DecreaseLimits } from './DecreaseLimits';
import { ResourceCapacity } from './ResourceCapacity';
import { cancellationCode, throttleError, throttleMessage } from './throttleErrors';
import type { CapacityUse } from '../operations/capacity';
import type { Clock } from '../../clock/Clock';
import type { Table } from '../storage/Table';
import type { WireAttributeValue, WireItem } from '../values/AttributeValue';
import type { Direction } from './ResourceCapacity';
import type { Throttle, ThrottlingReason } from './throttleErrors';

/** `createRuntime({ capacity })` / `EngineOptions.capacity`: throttling as AWS does it (off by default). */
export interface CapacityOptions {
  /** Seconds of unused provisioned capacity kept for bursts (default 300, as AWS). */
  burstSeconds?: number;
}

/** What one request (or one item of a batch or transaction) consumes on one table. */
export interface Demand {
  table: Table;
  direction: Direction;
  use: CapacityUse;
  /** The partition key value (as text) the request addresses, for the per-partition limit; none for a Scan. */
  partition?: string | undefined;
}

/** Counters of a test or session: requests seen, throttled and left unprocessed, per operation. */
export interface CapacityCounters {
  requests: number;
  throttledRequests: number;
  /** Items of BatchWriteItem / keys of BatchGetItem returned unprocessed because of throttling. */
  unprocessedItems: number;
  byOperation: Record<string, { requests: number; throttled: number; unprocessed: number }>;
}

const BATCHES = new Set(['BatchWriteItem', 'BatchGetItem']);

/** Partition text of a key value (the same text the hot-key counters use everywhere). */
export function partitionText(value: WireAttributeValue | undefined): string | undefined {
  return value === undefined ? undefined : keyValueText(value);
}

/**
 * Opt-in capacity model of the engine: token buckets with burst for provisioned tables and GSIs, the on-demand
 * double-the-previous-peak rule, per-partition limits, on the runtime clock. Operations call it at the point they
 * know a request's units; units come from operations/capacity.ts (the same rules as ConsumedCapacity).
 */
export class CapacityModel {
  readonly #resources = new WeakMap<Table, Map<string, ResourceCapacity>>();
  /** Every resource ever seen, by `table` or `table/index/name`, for the report (kept after DeleteTable). */
  readonly seen = new Map<string, ResourceCapacity>();
  /** AWS's limit on provisioned throughput decreases a day (UpdateTable checks it). */
  readonly decreases = new DecreaseLimits();
  readonly counters: CapacityCounters = { requests: 0, throttledRequests: 0, unprocessedItems: 0, byOperation: {} };
  #operation = '';
  #batch = { admitted: 0, throttle: undefined as Throttle | undefined };

  constructor(
    private readonly clock: Clock,
    private readonly options: CapacityOptions = {},
  ) {}

  /** Run one engine operation under the model (counts it; a batch with every item throttled fails as AWS's does). */
  run<T>(operation: string, fn: () => T): T {
    this.#operation = operation;
    this.#batch = { admitted: 0, throttle: undefined };
    const counts = (this.counters.byOperation[operation] ??= { requests: 0, throttled: 0, unprocessed: 0 });
    this.counters.requests += 1;
    counts.requests += 1;
    try {
      const out = fn();
      // "If none of the items can be processed due to insufficient provisioned throughput on all of the tables in
      // the request, then BatchWriteItem returns a ProvisionedThroughputExceededException" (same for BatchGetItem).
      if (BATCHES.has(operation) && this.#batch.admitted === 0 && this.#batch.throttle) throw throttleError(this.#batch.throttle);
      return out;
    } catch (error) {
      if (error instanceof DynamoDbError && (error.type === 'ProvisionedThroughputExceededException' || error.type === 'ThrottlingException' || isThrottledTransaction(error))) {
        this.counters.throttledRequests += 1;
        counts.throttled += 1;
      }
      throw error;
    }
  }

  /** A single-item write: throws when throttled, else charges it. */
  write(table: Table, key: WireItem, before: WireItem | undefined, after: WireItem | undefined): void {
    this.request(writeDemand(table, key, before, after));
  }

  /** A read of `bytes` (from `indexName`, when given): throws when throttled, else charges it. */
  read(table: Table, partition: WireAttributeValue | undefined, bytes: number, consistent: boolean, indexName?: string): void {
    this.request({ table, direction: 'read', use: readUse(table, bytes, consistent, indexName), partition: partitionText(partition) });
  }

  /** One request: throws ProvisionedThroughputExceededException / ThrottlingException when throttled, else charges it. */
  request(demand: Demand): void {
    const throttle = this.check(demand);
    if (throttle) throw throttleError(throttle);
    this.charge(demand);
  }

  /** One item of a batch: false (counted as unprocessed) when throttled, else charged. */
  admitItem(demand: Demand): boolean {
    const throttle = this.check(demand);
    if (!throttle) {
      this.charge(demand);
      this.#batch.admitted += 1;
      return true;
    }
    this.#batch.throttle = throttle;
    this.counters.unprocessedItems += 1;
    const counts = this.counters.byOperation[this.#operation];
    if (counts) counts.unprocessed += 1;
    return false;
  }

  /** Every item of a transaction, all or nothing: cancels it with a throttling reason per throttled item. */
  transact(demands: Demand[]): void {
    const throttles = demands.map((demand) => this.check(demand));
    if (throttles.some((t) => t !== undefined)) {
      throw transactionCanceled(throttles.map((t) => (t ? { Code: cancellationCode(t), Message: throttleMessage(t) } : { Code: 'None' })));
    }
    for (const demand of demands) this.charge(demand);
  }

  /** Why `demand` may not start now (counted as a throttle on each resource that stops it), or undefined. */
  check(demand: Demand): Throttle | undefined {
    const now = this.clock.now();
    const reasons: ThrottlingReason[] = [];
    let onIndex = false;
    const operation = demand.direction === 'read' ? 'Read' : 'Write';
    for (const [resource, , partition] of this.#entries(demand)) {
      const limit = resource.limitHit(demand.direction, partition, now);
      if (limit === undefined) continue;
      resource.throttled(demand.direction);
      reasons.push({ reason: `${resource.index ? 'Index' : 'Table'}${operation}${limit}`, resource: resource.arn });
      if (resource.index) onIndex = true;
    }
    if (reasons.length === 0) return undefined;
    return { reasons, provisioned: demand.table.definition.billingMode === 'PROVISIONED', onIndex };
  }

  /** Charge an admitted demand to each resource it uses. */
  charge(demand: Demand): void {
    const now = this.clock.now();
    for (const [resource, units, partition] of this.#entries(demand)) resource.charge(demand.direction, partition, units, now);
  }

  /** The resources a demand uses with its units there: the table (with its LSIs) and each GSI. */
  #entries(demand: Demand): [ResourceCapacity, number, string | undefined][] {
    const { table, use } = demand;
    const entries: [ResourceCapacity, number, string | undefined][] = [];
    const onTable = use.table + Object.values(use.lsi).reduce((n, u) => n + u, 0);
    const gsiNames = Object.keys(use.gsi);
    // A read of a GSI addresses the index's partition; a write's GSI partitions are not tracked.
    const readsIndex = demand.direction === 'read' && gsiNames.length > 0;
    if (onTable > 0) entries.push([this.#resource(table, undefined), onTable, demand.partition]);
    for (const name of gsiNames) entries.push([this.#resource(table, name), use.gsi[name] as number, readsIndex ? demand.partition : undefined]);
    return entries;
  }

  #resource(table: Table, indexName: string | undefined): ResourceCapacity {
    let map = this.#resources.get(table);
    if (!map) this.#resources.set(table, (map = new Map()));
    const id = indexName ?? '';
    let resource = map.get(id);
    if (!resource) {
      const index = indexName === undefined ? undefined : table.index(indexName)?.index;
      resource = new ResourceCapacity(table, index, this.options.burstSeconds ?? 300);
      map.set(id, resource);
      this.seen.set(indexName === undefined ? table.name : `${table.name}/index/${indexName}`, resource);
    }
    return resource;
  }
}

function isThrottledTransaction(error: DynamoDbError): boolean {
  const reasons = error.extra.CancellationReasons;
  return error.type === 'TransactionCanceledException' && Array.isArray(reasons) && reasons.some((r: { Code?: string }) => r.Code === 'ThrottlingError' || r.Code === 'ProvisionedThroughputExceeded');
}

/** The demand of one item write (`factor` 2 in a transaction), on the item's partition. */
export function writeDemand(table: Table, key: WireItem, before: WireItem | undefined, after: WireItem | undefined, factor = 1): Demand {
  return { table, direction: 'write', use: writeUse(table, before, after, factor), partition: partitionText(getAttribute(key, table.definition.schema.hash.name)) };
}

/** The demand of one item read of `bytes` (`factor` 2 in a transaction). */
export function readDemand(table: Table, key: WireItem, bytes: number, consistent: boolean, factor = 1): Demand {
  return { table, direction: 'read', use: readUse(table, bytes, consistent, undefined, factor), partition: partitionText(getAttribute(key, table.definition.schema.hash.name)) };
}

/** Size of an item read (0 when absent). */
export function sizeOf(item: WireItem | undefined): number {
  return item ? itemSize(item) : 0;
}
