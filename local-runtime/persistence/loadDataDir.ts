import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { applyRecord, type EngineRecord } from './engineRecords';
import { journalName, listDataDir, snapshotName, type DataDirListing } from './dataDirFiles';
import { damage, decodeRecords, type DecodedFile } from './recordFormat';
import type { DurableEngine } from './DurableEngine';

/** What opening a data directory found. */
export interface LoadResult {
  listing: DataDirListing;
  warnings: string[];
  /** A journal ended in a record torn by a crash. */
  torn: boolean;
  /** Bytes of journal read (after the snapshot). */
  journalBytes: number;
  /** Damaged records were skipped (`salvage`). */
  repaired: boolean;
}

/**
 * Restores `engine` from the newest snapshot of `dir` and the journals after it, changing no file. Every record
 * must verify: a snapshot must be whole (header to end marker), a journal may end in one torn record (dropped, with
 * a warning). Anything else rejects with a PersistenceError naming the file and byte offset, or with `salvage`
 * is skipped with a warning.
 */
export async function loadDataDir(engine: DurableEngine, dir: string, options: { salvage: boolean }): Promise<LoadResult> {
  const listing = await listDataDir(dir);
  const result: LoadResult = { listing, warnings: [], torn: false, journalBytes: 0, repaired: false };
  const base = listing.snapshots.at(-1);
  if (base !== undefined) {
    const path = join(dir, snapshotName(base));
    const data = await readFile(path);
    const decoded = decodeRecords(data, path, { allowTorn: false, salvage: options.salvage });
    report(decoded, path, result);
    const first = decoded.records[0]?.value as EngineRecord | undefined;
    const end = decoded.records.at(-1);
    if (!options.salvage) {
      if (first?.h?.generation !== base) throw damage(path, 0, `it does not start with the header of snapshot generation ${base}`);
      if ((end?.value as EngineRecord | undefined)?.e !== decoded.records.length - 1) throw damage(path, data.length, 'the snapshot ends before its end marker (cut short)');
    }
    apply(engine, decoded, path, options.salvage, result);
  } else if (listing.legacy && listing.journals.length === 0) {
    await engine.replayLegacy(join(dir, 'journal.jsonl'));
  }
  for (const generation of listing.journals) {
    if (generation < (base ?? 0)) continue;
    const path = join(dir, journalName(generation));
    const data = await readFile(path);
    result.journalBytes += data.length;
    const decoded = decodeRecords(data, path, { allowTorn: true, salvage: options.salvage });
    report(decoded, path, result);
    if (decoded.torn) {
      result.torn = true;
      result.warnings.push(
        `${path}: dropped the last record, torn by a crash (${decoded.torn.bytes} bytes at byte offset ${decoded.torn.offset}; it was never acknowledged)`,
      );
    }
    apply(engine, decoded, path, options.salvage, result);
  }
  return result;
}

function report(decoded: DecodedFile, path: string, result: LoadResult): void {
  for (const { offset, reason } of decoded.damaged) {
    result.repaired = true;
    result.warnings.push(`${path}: skipped the damaged record at byte offset ${offset} (${reason})`);
  }
}

function apply(engine: DurableEngine, decoded: DecodedFile, path: string, salvage: boolean, result: LoadResult): void {
  for (const { offset, value } of decoded.records) {
    try {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('it is not a record object');
      applyRecord(engine, value as EngineRecord);
    } catch (error) {
      const problem = damage(path, offset, `it cannot be applied: ${(error as Error).message}`);
      if (!salvage) throw problem;
      result.repaired = true;
      result.warnings.push(`${problem.message} (skipped)`);
    }
  }
}
