import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../../engine/Engine';
import { DurableEngine } from '../../persistence/DurableEngine';
import { snapshotRecords } from '../../persistence/engineRecords';
import { snapshotName, writeFileSafely } from '../../persistence/dataDirFiles';
import { encodeRecord } from '../../persistence/recordFormat';
import { QUICK } from '../interleave';
import { opsPerSecond } from '../measure';
import type { BenchRow, BenchSuite } from '../types';

/**
 * `--data-dir`: PutItem throughput with every write fsync'd before it is answered, against the in-memory engine
 * (one client awaiting each call, and 64 in flight sharing fsyncs by group commit); then the time to write a
 * snapshot of, and to open, a directory of ITEMS items (1M by default; TIDEPOOL_BENCH_DATA_ITEMS to change).
 */
const TABLE = {
  TableName: 'bench',
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
};
const ITEMS = Number(process.env['TIDEPOOL_BENCH_DATA_ITEMS'] ?? (QUICK ? 100_000 : 1_000_000));
const options = () => ({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock() });
const put = (i: number) => ({ TableName: 'bench', Item: { PK: { S: `k${i % 5000}` }, n: { N: String(i) }, s: { S: 'payload-'.repeat(8) } } });

async function throughput(engine: Engine, inFlight: number): Promise<number> {
  await engine.execute('CreateTable', TABLE);
  if (inFlight === 1) return opsPerSecond((i) => engine.execute('PutItem', put(i)), { minMs: 1500, warmup: 100 });
  const batches = await opsPerSecond((i) => Promise.all(Array.from({ length: inFlight }, (_, j) => engine.execute('PutItem', put(i * inFlight + j)))), { minMs: 1500, warmup: 5 });
  return batches * inFlight;
}

const suite: BenchSuite = {
  name: 'data directory (--data-dir)',
  async run() {
    const rows: BenchRow[] = [];
    const work = mkdtempSync(join(tmpdir(), 'tidepool-bench-data-'));
    try {
      for (const inFlight of [1, 64]) {
        const memory = await throughput(new Engine(options()), inFlight);
        const durable = await DurableEngine.open(join(work, `w${inFlight}`), options());
        const disk = await throughput(durable, inFlight);
        await durable.close();
        rows.push({ name: `PutItem · in memory · ${inFlight} in flight`, value: memory, unit: 'ops/s' });
        rows.push({ name: `PutItem · --data-dir (fsync per ack) · ${inFlight} in flight`, value: disk, unit: 'ops/s', note: `${((disk / memory) * 100).toFixed(1)}% of in memory` });
      }
      // A directory of ITEMS items: the snapshot compaction writes, then opening it.
      const source = new Engine(options());
      await source.execute('CreateTable', TABLE);
      const table = source.tables.get('bench')!;
      for (let i = 0; i < ITEMS; i++) table.put({ PK: { S: `item-${i}` }, n: { N: String(i) }, s: { S: 'payload-'.repeat(8) } });
      const dir = join(work, 'big');
      const { mkdirSync } = await import('node:fs');
      mkdirSync(dir);
      let start = performance.now();
      await writeFileSafely(dir, snapshotName(1), (function* () {
        for (const record of snapshotRecords(source, 1)) yield encodeRecord(record);
      })());
      rows.push({ name: `snapshot write (compaction) · ${ITEMS.toLocaleString('en-US')} items`, value: performance.now() - start, unit: 'ms', note: `${(statSync(join(dir, snapshotName(1))).size / 2 ** 20).toFixed(0)} MiB` });
      start = performance.now();
      const opened = await DurableEngine.open(dir, options());
      rows.push({ name: `open · ${ITEMS.toLocaleString('en-US')} items`, value: performance.now() - start, unit: 'ms', note: `${opened.tables.get('bench')!.items.size.toLocaleString('en-US')} items restored` });
      await opened.close();
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    return rows;
  },
};

export default suite;
