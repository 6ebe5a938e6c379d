import type { ReplayReport } from './types';

/** The human summary of a replay: one `label  value` line per count, then table changes. */
export function formatReplaySummary(report: ReplayReport): string {
  const rows: Array<[string, string | number]> = [
    ['records read', report.recordsRead],
    ['filtered out', report.filteredOut],
    ['batches', report.batches],
    ['invocations', report.invocations],
    ['retries', report.retries],
    ['sent to destination', report.destination === undefined ? '0 (no on-failure destination)' : report.sentToDestination],
  ];
  if (report.discarded > 0) rows.push(['discarded', `${report.discarded} (failed, no on-failure destination)`]);
  const tables = Object.entries(report.tableChanges);
  if (tables.length === 0) rows.push(['table changes', 'none']);
  for (const [table, change] of tables) {
    rows.push([`table ${table}`, `${change.inserted} inserted, ${change.modified} modified, ${change.removed} removed`]);
  }
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`);
  if (report.stopped === 'max-invocations') lines.push(`  stopped after ${report.invocations} invocations: the handler kept failing`);
  return `${lines.join('\n')}\n`;
}
