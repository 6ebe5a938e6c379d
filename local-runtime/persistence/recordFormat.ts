import { crc32 } from 'node:zlib';
import { PersistenceError } from './PersistenceError';

const NEWLINE = 0x0a;
const SPACE = 0x20;

/**
 * One record of a data-directory file: `<payload bytes> <crc32 hex8> <payload JSON>\n`. The length and the CRC-32
 * of the UTF-8 payload bytes let a reader tell every kind of damage from a write torn by a crash (JSON text
 * never holds a raw newline, so each record is exactly one line).
 */
export function encodeRecord(value: unknown): Buffer {
  const payload = Buffer.from(JSON.stringify(value), 'utf8');
  const head = Buffer.from(`${payload.length} ${crc32(payload).toString(16).padStart(8, '0')} `, 'latin1');
  return Buffer.concat([head, payload, Buffer.of(NEWLINE)]);
}

/** A record read back, with the byte offset it starts at. */
export interface DecodedRecord {
  offset: number;
  value: unknown;
}

/** What {@link decodeRecords} found. */
export interface DecodedFile {
  records: DecodedRecord[];
  /** A last record cut short by a crash (never acknowledged, so dropped): where it starts and how many bytes it has. */
  torn?: { offset: number; bytes: number };
  /** With `salvage`: the records that did not verify and were skipped. */
  damaged: { offset: number; reason: string }[];
}

/**
 * Reads every record of `data` (the contents of `file`). A last record without its newline whose payload is
 * incomplete is a torn write when `allowTorn`; any other record that does not verify is damage: a
 * {@link PersistenceError} naming the file and byte offset, or, with `salvage`, a skipped record.
 */
export function decodeRecords(data: Buffer, file: string, options: { allowTorn: boolean; salvage?: boolean }): DecodedFile {
  const out: DecodedFile = { records: [], damaged: [] };
  let offset = 0;
  while (offset < data.length) {
    const newline = data.indexOf(NEWLINE, offset);
    const end = newline === -1 ? data.length : newline;
    let problem = newline === -1 ? tailProblem(data, offset) : lineProblem(data, offset, end);
    if (problem === 'torn' && options.allowTorn) {
      out.torn = { offset, bytes: data.length - offset };
      break;
    }
    let value: unknown;
    if (problem === undefined) {
      try {
        value = JSON.parse(data.toString('utf8', (parseHeader(data, offset, end) as Header).payloadStart, end));
      } catch {
        problem = 'its contents are not JSON';
      }
    }
    if (problem === undefined) out.records.push({ offset, value });
    else {
      const reason = problem === 'torn' ? 'the file ends inside this record' : problem;
      if (!options.salvage) throw damage(file, offset, reason);
      out.damaged.push({ offset, reason });
    }
    offset = end + 1;
  }
  return out;
}

/** The error for a record that does not verify. */
export function damage(file: string, offset: number, reason: string): PersistenceError {
  return new PersistenceError(`${file}: damaged record at byte offset ${offset}: ${reason}`, file, offset);
}

interface Header {
  length: number;
  crc: number;
  payloadStart: number;
}

/** `<digits> <8 hex> ` from `start`, or undefined when the bytes before `end` do not hold one. */
function parseHeader(data: Buffer, start: number, end: number): Header | undefined {
  let i = start;
  let length = 0;
  while (i < end && i - start < 10 && data[i]! >= 0x30 && data[i]! <= 0x39) length = length * 10 + (data[i++]! - 0x30);
  if (i === start || i >= end || data[i] !== SPACE) return undefined;
  const hex = data.toString('latin1', i + 1, i + 9);
  if (!/^[0-9a-f]{8}$/.test(hex) || data[i + 9] !== SPACE) return undefined;
  return { length, crc: Number.parseInt(hex, 16), payloadStart: i + 10 };
}

/** Why the newline-terminated record at [start, end) does not verify, or undefined when it does. */
function lineProblem(data: Buffer, start: number, end: number): string | undefined {
  const header = parseHeader(data, start, end);
  if (!header) return 'its header (length and checksum) is not readable';
  if (end - header.payloadStart !== header.length) return `its length says ${header.length} bytes but it holds ${end - header.payloadStart}`;
  if (crc32(data.subarray(header.payloadStart, end)) !== header.crc) return 'its checksum does not match its contents';
  return undefined;
}

/** The last bytes, with no newline after them: a torn write if they are a record's beginning, else damage. */
function tailProblem(data: Buffer, start: number): string {
  const header = parseHeader(data, start, data.length);
  if (header) return data.length - header.payloadStart <= header.length ? 'torn' : 'its closing newline is missing';
  const rest = data.toString('latin1', start, Math.min(data.length, start + 20));
  // A header cut short: digits, then maybe a space and some hex digits.
  return /^\d{1,10}( [0-9a-f]{0,8})?$/.test(rest) || data.subarray(start).every((b) => b === 0) ? 'torn' : 'its header is not readable';
}
