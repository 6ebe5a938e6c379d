import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRow, BenchSuite } from './types';

/**
 * `npm run bench [-- <name filter>]`: runs every suite in bench/suites/ and prints its figures.
 * Benchmarks measure; they never assert (tests never time anything).
 */
const dir = fileURLToPath(new URL('./suites/', import.meta.url));
const filter = process.argv[2];
const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();

for (const file of files) {
  const suite = ((await import(pathToFileURL(dir + file).href)) as { default: BenchSuite }).default;
  if (filter && !suite.name.includes(filter) && !file.includes(filter)) continue;
  process.stdout.write(`\n## ${suite.name}\n`);
  const rows: BenchRow[] = await suite.run();
  for (const row of rows) {
    const value = row.value >= 100 ? Math.round(row.value).toLocaleString('en-US') : row.value.toFixed(2);
    process.stdout.write(`  ${row.name.padEnd(56)} ${value.padStart(12)} ${row.unit.padEnd(6)} ${row.note ?? ''}\n`);
  }
}
