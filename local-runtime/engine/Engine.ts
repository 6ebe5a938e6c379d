import { DynamoDbError, resourceNotFound, tableNotFound } from './errors';
import { StreamLog } from './streams/StreamLog';
import { OPERATIONS } from './operations/operations';
import { EngineFaults } from './operations/EngineFaults';
import { withPlainItems } from './operations/storedItems';
import type { Clock } from '../clock/Clock';
import type { StreamSource } from './streams/types';
import type { Table } from './storage/Table';
import { TtlSweeper } from './ttl/TtlSweeper';
import type { StreamLogOptions } from './streams/StreamLog';
import type { TtlOptions } from './ttl/TtlSweeper';
import { CapacityModel, type CapacityOptions } from './capacity/CapacityModel';
import { ConsistencyModel, type ConsistencyOptions } from './consistency/ConsistencyModel';
import type { EngineEffects } from './EngineEffects';

export { DynamoDbError } from './errors';

/** Where the engine runs: ARNs use region/account, timestamps come from the clock. */
export interface EngineOptions {
  region: string;
  accountId: string;
  clock: Clock;
  /** Shards per stream and shard rollover (defaults: 4 shards, 10 000 records or 4 hours per shard). */
  streams?: StreamLogOptions;
  /** TTL expiry (default: an expired item goes at the next sweep). */
  ttl?: TtlOptions;
  /** Largest item collection of a table with an LSI, in bytes (default 10 GB, as AWS; lower it to test the limit). */
  itemCollectionLimitBytes?: number;
  /**
   * Most TransactWriteItems results kept for ClientRequestToken replays (default 100 000; the oldest go first).
   * AWS keeps every token for 10 minutes; on a clock that does not run, that would be forever.
   */
  transactionTokenLimit?: number;
  /** Throttling as AWS does it: provisioned buckets with burst, on-demand peaks, hot keys (default off; see {@link CapacityModel}). */
  capacity?: boolean | CapacityOptions;
  /** Stale eventually consistent reads and GSI lag, seeded (default off; see {@link ConsistencyModel}). */
  consistency?: ConsistencyOptions;
}

/**
 * The embedded DynamoDB-compatible table engine. Each call is one DynamoDB API operation on its
 * JSON input (DynamoDB JSON / wire shapes), run as: validation → expressions parsed into trees → storage step.
 * A failed request changes nothing.
 *
 * @example
 * const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock() });
 * await engine.execute('PutItem', { TableName: 'orders', Item: { PK: { S: 'o#1' } } });
 */
export class Engine {
  readonly options: EngineOptions;
  /** Tables by name. Internal to the engine's operations; use {@link Engine.execute}. */
  readonly tables = new Map<string, Table>();
  readonly #streamLog: StreamLog;
  /** Switches that inject AWS failures for tests, e.g. {@link EngineFaults.injectTransactionConflict}. */
  readonly faults = new EngineFaults();
  /** Time to Live expiry: `engine.ttl.sweep()` deletes every expired item (see {@link TtlSweeper}). */
  readonly ttl: TtlSweeper;
  /** The capacity model when `options.capacity` is on: counters and the capacity report. */
  readonly capacity: CapacityModel | undefined;
  /** The read consistency model when `options.consistency` is given. */
  readonly consistency: ConsistencyModel | undefined;
  /** Told every committed change (a durable data directory sets it; see {@link EngineEffects}). */
  effects: EngineEffects | undefined;

  constructor(options: EngineOptions) {
    this.options = options;
    this.capacity = options.capacity ? new CapacityModel(options.clock, options.capacity === true ? {} : options.capacity) : undefined;
    this.consistency = options.consistency ? new ConsistencyModel(options.clock, options.consistency) : undefined;
    this.#streamLog = new StreamLog(options.clock, options.streams);
    this.ttl = new TtlSweeper(this, options.ttl);
  }

  /** Change data capture of every table (the StreamSource contract). */
  get streams(): StreamSource {
    return this.#streamLog;
  }

  /** The concrete stream log (for the engine's own operations). */
  get streamLog(): StreamLog {
    return this.#streamLog;
  }

  /** Run one DynamoDB API operation (e.g. 'PutItem'); rejects with {@link DynamoDbError}. */
  async execute(operation: string, input: unknown): Promise<Record<string, unknown>> {
    return withPlainItems(this.#run(operation, input));
  }

  /**
   * {@link Engine.execute} for the wire: without the promise where the engine can answer at once (the in-memory
   * engine always can, as its operations are synchronous), so the wire answers without promise turns; an engine
   * that must wait (a durable one, for its journal) returns a promise. Throws or rejects with
   * {@link DynamoDbError}. A Query/Scan page's `Items` comes as a {@link StoredItemsPage} (the stored items,
   * uncopied, with their memoised JSON) rather than an array of copies.
   * `requestJson` is the request's JSON text as received, when the caller has it (see transactionTokens).
   */
  executeNow(operation: string, input: unknown, requestJson?: string): Record<string, unknown> | Promise<Record<string, unknown>> {
    return this.#run(operation, input, requestJson);
  }

  #run(operation: string, input: unknown, requestJson?: string): Record<string, unknown> {
    const run = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
    if (!run) throw new DynamoDbError('UnknownOperationException', `Unknown operation: ${operation}`);
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new DynamoDbError('SerializationException', 'Start of structure or map found where not expected');
    }
    if (this.capacity) return this.capacity.run(operation, () => run(this, input as Record<string, unknown>, requestJson));
    return run(this, input as Record<string, unknown>, requestJson);
  }

  /** Names of tables, sorted. */
  tableNames(): string[] {
    return [...this.tables.keys()].sort();
  }

  /** Operations it implements. */
  operationNames(): string[] {
    return Object.keys(OPERATIONS);
  }

  /** A table for an item operation (`Requested resource not found` when missing). */
  itemTable(name: string): Table {
    const table = this.tables.get(name);
    if (!table) throw resourceNotFound();
    return table;
  }

  /** A table for a control-plane operation (`Requested resource not found: Table: X not found`). */
  controlTable(name: string): Table {
    const table = this.tables.get(name);
    if (!table) throw tableNotFound(name);
    return table;
  }
}
