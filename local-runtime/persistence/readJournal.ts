import { readFile } from 'node:fs/promises';
import type { JournalEntry } from './Journal';
import { PersistenceError } from './PersistenceError';

/**
 * Reads a journal written by `Journal`. A last line without its newline (or not parseable) is a
 * write torn by a crash: it was never acknowledged, so it is dropped. Damage anywhere else is an
 * error naming the file and line, since dropping it would lose acknowledged writes.
 */
export async function readJournal(path: string): Promise<{ entries: JournalEntry[]; tornTail: boolean }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], tornTail: false };
    throw error;
  }
  const lines = text.split('\n');
  const last = lines.pop() ?? '';
  const entries: JournalEntry[] = [];
  lines.forEach((line, index) => {
    const entry = parse(line);
    if (!entry) throw new PersistenceError(`${path}:${index + 1}: damaged journal line (not a JSON entry); refusing to start rather than lose data`);
    entries.push(entry);
  });
  return { entries, tornTail: last.length > 0 };
}

function parse(line: string): JournalEntry | undefined {
  try {
    const value = JSON.parse(line) as Partial<JournalEntry>;
    return typeof value.op === 'string' && typeof value.input === 'object' && value.input !== null ? (value as JournalEntry) : undefined;
  } catch {
    return undefined;
  }
}
