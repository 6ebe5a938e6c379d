/**
 * Splits entries into consecutive chunks of at most `maxEntries` whose sizes add up to at most
 * `maxBytes`. An entry larger than `maxBytes` on its own is returned in `oversized` (it can never be sent).
 */
export function chunkEntries<T>(entries: readonly T[], maxEntries: number, maxBytes: number, sizeOf: (entry: T) => number): { chunks: T[][]; oversized: T[] } {
  const chunks: T[][] = [];
  const oversized: T[] = [];
  let current: T[] = [];
  let size = 0;
  for (const entry of entries) {
    const entrySize = sizeOf(entry);
    if (entrySize > maxBytes) {
      oversized.push(entry);
      continue;
    }
    if (current.length === maxEntries || size + entrySize > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(entry);
    size += entrySize;
  }
  if (current.length > 0) chunks.push(current);
  return { chunks, oversized };
}
