import { performance } from 'node:perf_hooks';

/**
 * Runs `op` repeatedly (after a warm-up) for at least `minMs` and returns operations per second.
 * Sequential, awaited calls: the figure is throughput of one client, as a test suite sees it.
 */
export async function opsPerSecond(op: (i: number) => Promise<unknown>, options: { minMs?: number; warmup?: number } = {}): Promise<number> {
  const { minMs = 1000, warmup = 200 } = options;
  for (let i = 0; i < warmup; i++) await op(i);
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let j = 0; j < 100; j++) await op(warmup + count++);
    elapsed = performance.now() - start;
  }
  return (count * 1000) / elapsed;
}

/** Median duration in ms of `runs` calls of `op`. */
export async function medianMs(op: (i: number) => Promise<unknown>, runs = 50): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await op(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
