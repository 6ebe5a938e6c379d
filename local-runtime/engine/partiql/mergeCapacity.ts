/** Sum ConsumedCapacity entries of one table (numbers add, nested maps add member by member). */
function addInto(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(source)) {
    const current = target[name];
    if (typeof value === 'number') target[name] = (typeof current === 'number' ? current : 0) + value;
    else if (typeof value === 'object' && value !== null) {
      const into = typeof current === 'object' && current !== null ? (current as Record<string, unknown>) : {};
      addInto(into, value as Record<string, unknown>);
      target[name] = into;
    } else if (current === undefined) target[name] = value;
  }
}

/** One ConsumedCapacity per table for a batch, in the order tables were first used. */
export function mergeCapacity(entries: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  const byTable = new Map<string, Record<string, unknown>>();
  for (const entry of entries) {
    const name = String(entry.TableName);
    const merged = byTable.get(name);
    if (merged) addInto(merged, entry);
    else byTable.set(name, structuredClone(entry));
  }
  return [...byTable.values()];
}
