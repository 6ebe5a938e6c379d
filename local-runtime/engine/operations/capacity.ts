import { constraintError } from '../errors';
import { itemSize } from '../values/itemSize';
import { getAttribute, setAttribute } from '../values/attributeAccess';
import { extractKey, keyAttributes } from '../storage/keys';
import type { IndexDefinition, Table } from '../storage/Table';
import type { WireItem } from '../values/AttributeValue';
import type { OperationInput } from './input';

/** ReturnConsumedCapacity levels. */
export type CapacityLevel = 'NONE' | 'TOTAL' | 'INDEXES';

/** Capacity units consumed by one request on one table, split by table and index. */
export interface CapacityUse {
  table: number;
  /** Units per global secondary index. */
  gsi: Record<string, number>;
  /** Units per local secondary index. */
  lsi: Record<string, number>;
}

/** ReturnConsumedCapacity of a request (validated against AWS's enum). */
export function capacityLevelOf(input: OperationInput): CapacityLevel {
  const value = input.ReturnConsumedCapacity ?? 'NONE';
  if (value !== 'NONE' && value !== 'TOTAL' && value !== 'INDEXES') {
    throw constraintError(value, 'returnConsumedCapacity', 'Member must satisfy enum value set: [INDEXES, TOTAL, NONE]');
  }
  return value;
}

/**
 * Read units for `bytes` read: 4 KB units rounded up (at least one), half for eventually consistent reads
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html).
 */
export function readUnits(bytes: number, consistent: boolean): number {
  const units = Math.max(1, Math.ceil(bytes / 4096));
  return consistent ? units : units / 2;
}

/** Write units for an item of `bytes`: 1 KB units rounded up, at least one. */
export function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 1024));
}

/** The attributes of `item` an index stores, or undefined when the item is not in the index (sparse). */
export function indexImage(table: Table, index: IndexDefinition, item: WireItem | undefined): WireItem | undefined {
  if (!item || !extractKey(item, index.schema)) return undefined;
  if (index.projection.ProjectionType === 'ALL') return item;
  const keep = new Set([...keyAttributes(table.definition.schema), ...keyAttributes(index.schema)].map((a) => a.name));
  for (const name of index.projection.NonKeyAttributes ?? []) keep.add(name);
  return Object.fromEntries(Object.entries(item).filter(([name]) => keep.has(name)));
}

function indexWriteUnits(table: Table, index: IndexDefinition, before: WireItem | undefined, after: WireItem | undefined): number {
  const old = indexImage(table, index, before);
  const next = indexImage(table, index, after);
  if (!old && !next) return 0;
  if (!old || !next) return writeUnits(itemSize((old ?? next) as WireItem));
  if (JSON.stringify(old) === JSON.stringify(next)) return 0;
  const sameKey = JSON.stringify(extractKey(old, index.schema)) === JSON.stringify(extractKey(next, index.schema));
  // An index key change is a delete of the old index entry plus a put of the new one.
  return sameKey ? writeUnits(Math.max(itemSize(old), itemSize(next))) : writeUnits(itemSize(old)) + writeUnits(itemSize(next));
}

/**
 * Units one item write consumes: the larger of the item before and after, in 1 KB units, plus one write per
 * affected secondary index; transactional writes consume twice as much
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-capacity-handling).
 */
export function writeUse(table: Table, before: WireItem | undefined, after: WireItem | undefined, factor = 1): CapacityUse {
  const use: CapacityUse = { table: factor * writeUnits(Math.max(before ? itemSize(before) : 0, after ? itemSize(after) : 0)), gsi: {}, lsi: {} };
  for (const index of table.definition.indexes) {
    const units = indexWriteUnits(table, index, before, after);
    if (units > 0) setAttribute(index.kind === 'GSI' ? use.gsi : use.lsi, index.name, factor * units);
  }
  return use;
}

/** Units of a read of `bytes` from the table, or from the index `indexName`. */
export function readUse(table: Table, bytes: number, consistent: boolean, indexName?: string, factor = 1): CapacityUse {
  const units = factor * readUnits(bytes, consistent);
  if (indexName === undefined) return { table: units, gsi: {}, lsi: {} };
  const kind = table.index(indexName)?.index.kind;
  return { table: 0, gsi: kind === 'GSI' ? { [indexName]: units } : {}, lsi: kind === 'LSI' ? { [indexName]: units } : {} };
}

/** Sum of several uses on one table. */
export function addUse(a: CapacityUse, b: CapacityUse): CapacityUse {
  const merge = (x: Record<string, number>, y: Record<string, number>): Record<string, number> => {
    const out = { ...x };
    for (const [name, units] of Object.entries(y)) setAttribute(out, name, (getAttribute(out, name) ?? 0) + units);
    return out;
  };
  return { table: a.table + b.table, gsi: merge(a.gsi, b.gsi), lsi: merge(a.lsi, b.lsi) };
}

const units = (value: number): { CapacityUnits: number } => ({ CapacityUnits: value });
const byName = (values: Record<string, number>): Record<string, { CapacityUnits: number }> =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [name, units(value)]));

/**
 * The `ConsumedCapacity` object AWS returns: TOTAL gives the table name and total units; INDEXES adds the
 * table's and each index's share (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ConsumedCapacity.html).
 */
export function consumedCapacity(tableName: string, use: CapacityUse, level: CapacityLevel): Record<string, unknown> | undefined {
  if (level === 'NONE') return undefined;
  const total = use.table + Object.values(use.gsi).reduce((n, u) => n + u, 0) + Object.values(use.lsi).reduce((n, u) => n + u, 0);
  const out: Record<string, unknown> = { TableName: tableName, CapacityUnits: total };
  if (level === 'INDEXES') {
    out.Table = units(use.table);
    if (Object.keys(use.gsi).length > 0) out.GlobalSecondaryIndexes = byName(use.gsi);
    if (Object.keys(use.lsi).length > 0) out.LocalSecondaryIndexes = byName(use.lsi);
  }
  return out;
}

/** Empty use (a starting point for sums). */
export function noUse(): CapacityUse {
  return { table: 0, gsi: {}, lsi: {} };
}
