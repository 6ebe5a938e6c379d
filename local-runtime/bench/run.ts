import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRow, BenchSuite } from './types';

/**
 * `npm run bench [-- <name filter>]`: runs every suite in bench/suites/ and prints its figures. Each suite runs
 * in a fresh Node process (`--suite <file>`), so one suite's heap and compiled code never weigh on the next.
 * Benchmarks measure; they never assert (tests never time anything).
 */
const dir = fileURLToPath(new URL('./suites/', import.meta.url));
// As in the CLI and the tests: the SDK's notice about Node 22 is noise in the figures (suites inherit it).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const suiteFlag = process.argv.indexOf('--suite');

async function load(file: string): Promise<BenchSuite> {
  return ((await import(pathToFileURL(dir + file).href)) as { default: BenchSuite }).default;
}

async function runOne(file: string): Promise<void> {
  const suite = await load(file);
  process.stdout.write(`\n## ${suite.name}\n`);
  const rows: BenchRow[] = await suite.run();
  for (const row of rows) {
    const value = row.value >= 100 ? Math.round(row.value).toLocaleString('en-US') : row.value.toFixed(2);
    process.stdout.write(`  ${row.name.padEnd(56)} ${value.padStart(12)} ${row.unit.padEnd(6)} ${row.note ?? ''}\n`);
  }
}

if (suiteFlag !== -1) {
  await runOne(process.argv[suiteFlag + 1] ?? '');
} else {
  const filter = process.argv[2];
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
  for (const file of files) {
    const suite = await load(file);
    if (filter && !suite.name.includes(filter) && !file.includes(filter)) continue;
    // The same Node and loader (tsx's flags are in execArgv), one process per suite.
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--suite', file], { stdio: 'inherit' });
    if (child.status !== 0) process.exitCode = child.status ?? 1;
  }
}
