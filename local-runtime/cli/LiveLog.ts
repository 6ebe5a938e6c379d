import type { InvocationRecord } from '../lambda/types';
import type { MappingReport } from '../mappings/types';
import { formatDiscarded, formatInvocation, formatRetrying } from './formatInvocation';

/**
 * The live log of `tidepool start`: one line per invocation, except that a stream batch which keeps
 * failing is collapsed. Its first failure gets the usual line; its failed retries get none of their
 * own, only a summary line with the count when the count reaches 2, 4, 8, 16, … (at most log₂ n
 * lines for n retries, and never a line per retry); a retry that succeeds gets its usual line
 * (`…, retry 12 … ok`). A batch given up (sent to the on-failure destination, or dropped without
 * one) always gets its own line. Lines are written whole, never rewritten, so handler output
 * printed in between stays readable.
 */
export class LiveLog {
  constructor(
    private readonly write: (line: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Feed every invocation (`runtime.onInvocation`). */
  invocation(record: InvocationRecord): void {
    if (isFailedStreamRetry(record)) return; // counted by the mapping's `retrying` report
    this.write(formatInvocation(record));
  }

  /** Feed every stream mapping's reports (`mapping.onReport`). */
  mapping(report: MappingReport): void {
    if (report.kind === 'discarded') {
      this.write(formatDiscarded(report, this.now()));
      return;
    }
    if (report.invokeCount >= 2 && isPowerOfTwo(report.invokeCount)) this.write(formatRetrying(report, this.now()));
  }
}

/** A retry (attempt 2+) of a stream batch that failed again, in whole or in part. */
function isFailedStreamRetry(record: InvocationRecord): boolean {
  const { type, attempt } = record.trigger;
  if (type !== 'stream' || attempt === undefined || attempt < 2) return false;
  if (record.outcome !== 'success') return true;
  const failures = (record.result as { batchItemFailures?: unknown } | null | undefined)?.batchItemFailures;
  return Array.isArray(failures) && failures.length > 0;
}

function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}
