import { open, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** What a data directory holds: its newest snapshot and the journals after it, by generation. */
export interface DataDirListing {
  snapshots: number[];
  journals: number[];
  /** Snapshots a crash left half-written (never renamed into place: they hold nothing committed). */
  leftovers: string[];
  /** `journal.jsonl` of Tidepool ≤ 0.x (requests, not effects). */
  legacy: boolean;
}

const SNAPSHOT = /^snapshot-(\d{8})\.tpd$/;
const JOURNAL = /^journal-(\d{8})\.tpj$/;

/** File name of a generation's snapshot. */
export const snapshotName = (generation: number): string => `snapshot-${String(generation).padStart(8, '0')}.tpd`;
/** File name of a generation's journal (the effects committed after that snapshot). */
export const journalName = (generation: number): string => `journal-${String(generation).padStart(8, '0')}.tpj`;

/** Lists the data directory's files, generations ascending. */
export async function listDataDir(dir: string): Promise<DataDirListing> {
  const names = await readdir(dir);
  const generations = (pattern: RegExp) => names.flatMap((n) => (pattern.exec(n) ? [Number(pattern.exec(n)![1])] : [])).sort((a, b) => a - b);
  return {
    snapshots: generations(SNAPSHOT),
    journals: generations(JOURNAL),
    leftovers: names.filter((n) => n.endsWith('.tpd.tmp')),
    legacy: names.includes('journal.jsonl'),
  };
}

/** fsync a directory, so that renames and new files in it survive a crash. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `chunks` as the file `name` safely: into `name.tmp` beside it, fsync'd, renamed into place, directory
 * fsync'd. A crash at any point leaves either no `name` (and a `.tmp` leftover) or all of it.
 */
export async function writeFileSafely(dir: string, name: string, chunks: Iterable<Buffer>, crashPoint?: (point: string) => void): Promise<void> {
  const temporary = join(dir, `${name}.tmp`);
  const file = await open(temporary, 'w');
  try {
    let batch: Buffer[] = [];
    let bytes = 0;
    for (const chunk of chunks) {
      batch.push(chunk);
      bytes += chunk.length;
      if (bytes >= 1 << 20) {
        await file.write(Buffer.concat(batch));
        crashPoint?.('compaction-writing');
        batch = [];
        bytes = 0;
      }
    }
    if (batch.length > 0) {
      await file.write(Buffer.concat(batch));
      crashPoint?.('compaction-writing');
    }
    await file.sync();
  } finally {
    await file.close();
  }
  crashPoint?.('compaction-before-rename');
  await rename(temporary, join(dir, name));
  await syncDir(dir);
  crashPoint?.('compaction-after-rename');
}

/** Removes files (already replaced), then fsyncs the directory. */
export async function removeFiles(dir: string, names: readonly string[]): Promise<void> {
  for (const name of names) await unlink(join(dir, name)).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
  if (names.length > 0) await syncDir(dir);
}
