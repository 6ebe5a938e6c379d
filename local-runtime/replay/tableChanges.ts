import type { Engine } from '../engine/Engine';

/** Items per table, keyed by their primary key, as canonical JSON. */
export type TableSnapshot = Map<string, Map<string, string>>;

/** Items inserted, modified and removed in one table between two snapshots. */
export interface TableChange {
  inserted: number;
  modified: number;
  removed: number;
}

/** JSON with object keys sorted at every level, so equal items give equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Every item of every table of the engine, read with DescribeTable + Scan through `engine.execute`. */
export async function snapshotTables(engine: Engine): Promise<TableSnapshot> {
  const snapshot: TableSnapshot = new Map();
  for (const name of engine.tableNames()) {
    const description = (await engine.execute('DescribeTable', { TableName: name }))['Table'] as { KeySchema: { AttributeName: string }[] };
    const keyNames = description.KeySchema.map((key) => key.AttributeName);
    const items = new Map<string, string>();
    let start: unknown;
    do {
      const page = await engine.execute('Scan', { TableName: name, ...(start !== undefined && { ExclusiveStartKey: start }) });
      for (const item of (page['Items'] ?? []) as Record<string, unknown>[]) {
        items.set(canonical(keyNames.map((key) => item[key])), canonical(item));
      }
      start = page['LastEvaluatedKey'];
    } while (start !== undefined);
    snapshot.set(name, items);
  }
  return snapshot;
}

/** Per table, what changed from `before` to `after` (tables without changes are left out). */
export function diffSnapshots(before: TableSnapshot, after: TableSnapshot): Record<string, TableChange> {
  // Entries, not assignment: a table may be named `__proto__`.
  const changes: [string, TableChange][] = [];
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(name) ?? new Map<string, string>();
    const now = after.get(name) ?? new Map<string, string>();
    const change: TableChange = { inserted: 0, modified: 0, removed: 0 };
    for (const [key, item] of now) {
      const was = old.get(key);
      if (was === undefined) change.inserted += 1;
      else if (was !== item) change.modified += 1;
    }
    for (const key of old.keys()) if (!now.has(key)) change.removed += 1;
    if (change.inserted + change.modified + change.removed > 0) changes.push([name, change]);
  }
  return Object.fromEntries(changes);
}
