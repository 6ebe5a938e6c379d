import { LaggedReplica } from './LaggedReplica';
import { seededRandom } from './seededRandom';
import type { Clock } from '../../clock/Clock';
import type { Table } from '../storage/Table';
import type { WireItem } from '../values/AttributeValue';

/** `createRuntime({ consistency })` / `EngineOptions.consistency`: stale reads as AWS allows them (off by default). */
export interface ConsistencyOptions {
  /** Most milliseconds an eventually consistent read of a table (or LSI) may lag behind its writes (default 0). */
  readLag?: number;
  /** Most milliseconds a global secondary index may lag behind the table's writes (default 0). */
  gsiLag?: number;
  /** Seed of the delays each write gets (default 1): the same seed and clock give the same stale reads. */
  seed?: number;
}

interface Replicas {
  read?: LaggedReplica;
  gsi?: LaggedReplica;
}

/**
 * Opt-in read consistency model. Every write gets a delay in [0, lag] drawn from the seeded generator, for the
 * table's eventually consistent reads (`readLag`) and its GSIs (`gsiLag`); eventually consistent GetItem, Query,
 * Scan and BatchGetItem read a replica that has the writes due by now, GSI queries read the GSI replica. Strongly
 * consistent reads, transactions and conditional writes read the table itself, so they are never stale
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.ReadConsistency.html,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.Writes).
 */
export class ConsistencyModel {
  readonly #replicas = new WeakMap<Table, Replicas>();
  readonly #random: () => number;
  readonly readLag: number;
  readonly gsiLag: number;

  constructor(
    private readonly clock: Clock,
    options: ConsistencyOptions,
  ) {
    this.readLag = lagOf(options.readLag, 'readLag');
    this.gsiLag = lagOf(options.gsiLag, 'gsiLag');
    this.#random = seededRandom(options.seed ?? 1);
  }

  /** Called by every write before it changes `table`: schedules it on the lagging replicas. */
  record(table: Table, key: WireItem, item: WireItem | undefined): void {
    let replicas = this.#replicas.get(table);
    if (!replicas) this.#replicas.set(table, (replicas = {}));
    const now = this.clock.now();
    if (this.readLag > 0) (replicas.read ??= new LaggedReplica(table)).enqueue(now + this.#delay(this.readLag), key, item);
    if (this.gsiLag > 0 && table.definition.indexes.some((i) => i.kind === 'GSI')) {
      (replicas.gsi ??= new LaggedReplica(table)).enqueue(now + this.#delay(this.gsiLag), key, item);
    }
  }

  /**
   * The table a read sees: a GSI read (`indexName` of a GSI) the GSI replica; an eventually consistent read of the
   * table or an LSI the read replica; a strongly consistent read the table itself.
   */
  view(table: Table, consistent: boolean, indexName?: unknown): Table {
    const replicas = this.#replicas.get(table);
    if (!replicas) return table;
    const isGsi = typeof indexName === 'string' && table.index(indexName)?.index.kind === 'GSI';
    const replica = isGsi ? replicas.gsi : consistent ? undefined : replicas.read;
    return replica ? replica.at(this.clock.now()) : table;
  }

  #delay(lag: number): number {
    return Math.floor(this.#random() * (lag + 1));
  }
}

function lagOf(value: number | undefined, name: string): number {
  if (value === undefined) return 0;
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`consistency.${name}: expected a non-negative number of milliseconds, got ${value}`);
  return value;
}
