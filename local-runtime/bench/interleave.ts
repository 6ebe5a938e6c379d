/**
 * Robust figures on a small, shared machine: the sides being compared run in alternation (A, B, A, B…),
 * so load drifts hit every side alike, and each figure is the median of its rounds.
 */

/** `BENCH_QUICK=1`: fewer, shorter rounds and no million-item table, for iterating. */
export const QUICK = process.env['BENCH_QUICK'] === '1';

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Runs every side once per round, for `rounds` rounds; returns each side's figures per round. Sides run in the
 * order given, or in `orderOf(round)` (a permutation of their keys) to counterbalance: a side that always ran
 * right after the same other side would always inherit its leftover garbage collection and cold caches.
 * Ratios should be taken per round (sides of one round share the load) and then the median of those.
 */
export async function interleaved<K extends string>(
  sides: readonly (readonly [K, (round: number) => Promise<number>])[],
  rounds: number,
  orderOf?: (round: number) => readonly K[],
): Promise<Record<K, number[]>> {
  const out = Object.fromEntries(sides.map(([key]) => [key, [] as number[]])) as Record<K, number[]>;
  const byKey = new Map(sides);
  for (let round = 0; round < rounds; round++) {
    for (const key of orderOf?.(round) ?? sides.map(([k]) => k)) {
      const measure = byKey.get(key);
      if (!measure) throw new Error(`interleaved: no side ${key}`);
      out[key].push(await measure(round));
    }
  }
  return out;
}

/** `keys` rotated left by `by` places, e.g. rotated(['c', 'd', 'e'], 1) → ['d', 'e', 'c']. */
export function rotated<K>(keys: readonly K[], by: number): K[] {
  const n = by % keys.length;
  return [...keys.slice(n), ...keys.slice(0, n)];
}

/** Median over rounds of `a[i] / b[i]`. */
export function medianRatio(a: readonly number[], b: readonly number[]): number {
  return median(a.map((value, i) => value / (b[i] as number)));
}
