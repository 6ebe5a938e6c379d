import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { StreamRecord } from '../engine/streams/types';
import { recordProblems } from './recordProblems';

/** A record read from an input file, with where it came from (`file:14` or `file: Records[3]`). */
export interface InputRecord {
  record: StreamRecord;
  where: string;
}

/** What reading one file gave: the valid records and every problem (`where: field: what`). */
export interface ReadOutcome {
  records: InputRecord[];
  problems: string[];
}

/** Progress of a read, for a progress indicator. */
export interface ReadProgress {
  file: string;
  bytesRead: number;
  totalBytes: number;
  records: number;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const looksLikeRecord = (value: unknown): boolean => isObject(value) && ('dynamodb' in value || 'eventName' in value);

/**
 * Reads stream records from one file, streaming it line by line. Accepted inputs: a Lambda event
 * `{"Records": […]}`, a GetRecords response (`{"Records": […], "NextShardIterator": …}`), a JSON array
 * of records, or JSON Lines (one record per line; `.jsonl`/`.ndjson` files always are). Every record
 * is validated; all problems are returned, none thrown.
 */
export async function readRecords(file: string, onProgress?: (progress: ReadProgress) => void): Promise<ReadOutcome> {
  const totalBytes = (await stat(file)).size;
  const stream = createReadStream(file, { encoding: 'utf8' });
  let bytesRead = 0;
  stream.on('data', (chunk) => (bytesRead += Buffer.byteLength(chunk)));
  const outcome: ReadOutcome = { records: [], problems: [] };
  let mode: 'jsonl' | 'document' | undefined = /\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : undefined;
  const document: string[] = [];
  let lineNumber = 0;
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    lineNumber += 1;
    if (mode === 'document') {
      document.push(line);
      continue;
    }
    if (line.trim() === '') continue;
    if (mode === undefined) {
      mode = looksLikeRecord(tryParse(line)) ? 'jsonl' : 'document';
      if (mode === 'document') {
        document.push(line);
        continue;
      }
    }
    const where = `${file}:${lineNumber}`;
    const parsed = tryParse(line);
    if (parsed === INVALID) outcome.problems.push(`${where}: not valid JSON`);
    else addRecord(outcome, parsed, where);
    if (lineNumber % 1000 === 0) onProgress?.({ file, bytesRead, totalBytes, records: outcome.records.length });
  }
  if (mode === 'document') readDocument(document.join('\n'), file, outcome);
  onProgress?.({ file, bytesRead: totalBytes, totalBytes, records: outcome.records.length });
  return outcome;
}

const INVALID = Symbol('invalid JSON');

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID;
  }
}

function readDocument(text: string, file: string, outcome: ReadOutcome): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    outcome.problems.push(`${file}: not valid JSON (${(error as Error).message})`);
    return;
  }
  const [records, prefix] = Array.isArray(parsed)
    ? [parsed, '']
    : isObject(parsed) && Array.isArray(parsed['Records']) ? [parsed['Records'] as unknown[], 'Records'] : [undefined, ''];
  if (records === undefined) {
    outcome.problems.push(`${file}: expected a Lambda event or GetRecords response {"Records": […]}, a JSON array of records, or JSON Lines`);
    return;
  }
  records.forEach((record, index) => addRecord(outcome, record, `${file}: ${prefix}[${index}]`));
}

function addRecord(outcome: ReadOutcome, value: unknown, where: string): void {
  const problems = recordProblems(value);
  if (problems.length === 0) outcome.records.push({ record: value as StreamRecord, where });
  else for (const problem of problems) outcome.problems.push(`${where}: ${problem.field}: ${problem.message}`);
}
