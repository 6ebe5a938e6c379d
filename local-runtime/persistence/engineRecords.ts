import { Table, type TableDefinition } from '../engine/storage/Table';
import { liveTokens, restoreTokens, type RememberedToken } from '../engine/operations/transactionTokens';
import type { Engine } from '../engine/Engine';
import type { WireItem } from '../engine/values/AttributeValue';
import type { StreamLogState } from '../engine/streams/streamLogState';

/** One item effect: `[table, 1, item]` stored, `[table, 0, key]` deleted. */
export type ItemEffect = [string, 0 | 1, WireItem];

/**
 * The payload of one record. A journal record holds the effects of one request (or one TTL sweep); a snapshot
 * is a header `h`, then table definitions `t`, items `i`/`v`, tokens `k`, streams `s`, and an end marker `e`.
 */
export interface EngineRecord {
  h?: { format: 'tidepool-data'; version: 2; generation: number };
  /** Table definitions as they now are (created or changed). */
  t?: TableDefinition[];
  /** Tables deleted. */
  d?: string[];
  w?: ItemEffect[];
  /** Snapshot items of table `i`. */
  i?: string;
  v?: WireItem[];
  k?: RememberedToken[];
  s?: StreamLogState;
  /** Snapshot end: how many records came before it. */
  e?: number;
}

/** Puts one record's state into `engine` (nothing is evaluated: conditions and expressions never run again). */
export function applyRecord(engine: Engine, record: EngineRecord): void {
  for (const definition of record.t ?? []) restoreTable(engine, definition);
  for (const name of record.d ?? []) engine.tables.delete(name);
  if (record.i !== undefined) {
    const table = tableNamed(engine, record.i);
    for (const item of record.v ?? []) table.put(item);
  }
  for (const [name, kind, value] of record.w ?? []) {
    const table = tableNamed(engine, name);
    if (kind === 1) table.put(value);
    else table.delete(value);
  }
  if (record.k) restoreTokens(engine, record.k);
  if (record.s) engine.streamLog.importState(record.s);
}

function tableNamed(engine: Engine, name: string): Table {
  const table = engine.tables.get(name);
  if (!table) throw new Error(`it names table ${JSON.stringify(name)}, which does not exist at that point`);
  return table;
}

/** A table's definition as now: changed in place when its keys and indexes stay, else rebuilt with its items. */
function restoreTable(engine: Engine, definition: TableDefinition): void {
  const current = engine.tables.get(definition.name);
  if (current && sameShape(current.definition, definition)) {
    const target = current.definition as unknown as Record<string, unknown>;
    for (const key of Object.keys(target)) if (!(key in definition)) delete target[key];
    Object.assign(target, structuredClone(definition));
    return;
  }
  const next = new Table(structuredClone(definition));
  if (current) for (const { item } of current.items.scan()) next.put(item);
  engine.tables.set(definition.name, next);
}

function sameShape(a: TableDefinition, b: TableDefinition): boolean {
  return a.arn === b.arn && JSON.stringify([a.schema, a.indexes]) === JSON.stringify([b.schema, b.indexes]);
}

/** The records of a snapshot of `engine`, header and end marker included (items in pages of `pageSize`). */
export function* snapshotRecords(engine: Engine, generation: number, pageSize = 1000): Generator<EngineRecord> {
  let count = 0;
  yield { h: { format: 'tidepool-data', version: 2, generation } };
  count += 1;
  for (const table of engine.tables.values()) {
    yield { t: [table.definition] };
    count += 1;
    let page: WireItem[] = [];
    for (const { item } of table.items.scan()) {
      page.push(item);
      if (page.length === pageSize) {
        yield { i: table.name, v: page };
        count += 1;
        page = [];
      }
    }
    if (page.length > 0) {
      yield { i: table.name, v: page };
      count += 1;
    }
  }
  yield { k: liveTokens(engine) };
  yield { s: engine.streamLog.exportState() };
  count += 2;
  yield { e: count };
}
