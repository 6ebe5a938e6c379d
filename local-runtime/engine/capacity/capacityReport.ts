import type { CapacityModel } from './CapacityModel';
import type { ResourceUsage } from './ResourceCapacity';

/**
 * On-demand prices in us-east-1, Standard table class, as published on https://aws.amazon.com/dynamodb/pricing/on-demand/
 * since the 50% on-demand price cut of 2024-11-01 (checked 2026-12-04): $0.625 per million write request units and
 * $0.125 per million read request units. (Older material quotes the earlier $1.25 and $0.25.)
 */
export const ON_DEMAND_PRICES = { date: '2024-11-01', region: 'us-east-1', writePerMillion: 0.625, readPerMillion: 0.125 } as const;

/** One table's or index's line of the report. */
export interface CapacityReportRow extends ResourceUsage {
  /** `table` or `table/index/name`. */
  resource: string;
  /** What these units would cost on demand, in US dollars. */
  onDemandCostUsd: number;
}

/** The capacity report of a test or a session: one row per table and GSI used, sorted, plus the counters. */
export interface CapacityReport {
  rows: CapacityReportRow[];
  requests: number;
  throttledRequests: number;
  unprocessedItems: number;
  totalOnDemandCostUsd: number;
  prices: typeof ON_DEMAND_PRICES;
}

/** The report of `model` so far. */
export function capacityReport(model: CapacityModel): CapacityReport {
  const rows = [...model.seen].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([resource, { usage }]): CapacityReportRow => ({
    resource,
    ...usage,
    onDemandCostUsd: (usage.readUnits * ON_DEMAND_PRICES.readPerMillion + usage.writeUnits * ON_DEMAND_PRICES.writePerMillion) / 1e6,
  }));
  const { requests, throttledRequests, unprocessedItems } = model.counters;
  return { rows, requests, throttledRequests, unprocessedItems, totalOnDemandCostUsd: rows.reduce((n, r) => n + r.onDemandCostUsd, 0), prices: ON_DEMAND_PRICES };
}

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** The report as text lines (for the `start` session's exit and for logs). */
export function formatCapacityReport(report: CapacityReport): string[] {
  const lines = [`Capacity: ${report.requests} requests, ${report.throttledRequests} throttled, ${report.unprocessedItems} items unprocessed`];
  for (const row of report.rows) {
    lines.push(
      `  ${row.resource}: ${fmt(row.readUnits)} RCU (peak ${fmt(row.peakReadUnitsPerSecond)}/s), ${fmt(row.writeUnits)} WCU (peak ${fmt(row.peakWriteUnitsPerSecond)}/s), ` +
        `throttled ${row.throttledReads} reads / ${row.throttledWrites} writes, on-demand $${row.onDemandCostUsd.toFixed(6)}`,
    );
  }
  lines.push(`  on-demand cost $${report.totalOnDemandCostUsd.toFixed(6)} at ${report.prices.region} prices of ${report.prices.date} ($${report.prices.writePerMillion}/M writes, $${report.prices.readPerMillion}/M reads)`);
  return lines;
}
