/**
 * Sequence numbers as DynamoDB Streams writes them: decimal strings, here 21 digits (`1` followed by a
 * zero-padded counter), so they compare the same as strings and as numbers.
 * Internally a sequence number is its counter `n` (a plain number, cheap to compare).
 */
const BASE = 10n ** 20n;

/** The wire form of counter `n`. */
export function formatSequenceNumber(n: number): string {
  return `1${String(n).padStart(20, '0')}`;
}

/** The counter of a wire sequence number, or undefined when `text` is not a decimal string. */
export function parseSequenceNumber(text: string): number | undefined {
  if (!/^\d{1,40}$/.test(text)) return undefined;
  const n = BigInt(text) - BASE;
  if (n < 0n) return -1;
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
}
