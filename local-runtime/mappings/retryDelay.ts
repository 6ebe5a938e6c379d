/**
 * How long a lane waits before it re-invokes a batch that just failed. AWS documents that a stream
 * mapping retries a failing batch until it succeeds, its records expire or the retry budget is spent
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html), and that Lambda polls
 * a DynamoDB stream's shards at a base rate of 4 times per second
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html); it documents no retry interval.
 * The pace here is ours: the first retry after one poll interval (250 ms), doubling with each
 * further consecutive failure of the lane, at most {@link RETRY_MAX_MS}.
 */
export const RETRY_BASE_MS = 250;

/** The longest wait between two retries of a failing batch (a poller that keeps failing backs off to this). */
export const RETRY_MAX_MS = 4_000;

/**
 * Wait before the next invocation after `failures` consecutive failed invocations of one lane
 * (1 → 250 ms, 2 → 500 ms, 3 → 1 s, 4 → 2 s, 5 and more → 4 s).
 */
export function retryDelay(failures: number): number {
  if (!Number.isInteger(failures) || failures < 1) throw new RangeError(`retryDelay: expected a failure count ≥ 1, got ${failures}`);
  return Math.min(RETRY_BASE_MS * 2 ** Math.min(failures - 1, 30), RETRY_MAX_MS);
}
