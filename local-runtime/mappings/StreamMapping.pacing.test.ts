import { describe, expect, it } from 'vitest';
import { RETRY_BASE_MS, RETRY_MAX_MS, retryDelay } from './retryDelay';
import { drain, setup } from './testing/setupMapping';
import type { MappingReport } from './types';

// AWS: a failing batch is retried until it succeeds, expires or spends MaximumRetryAttempts; shards
// are polled at a base rate of 4 times per second. No retry interval is documented: the pace is ours.
const DDB_ERRORS = 'https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html';
const WITH_DDB = 'https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html';
const DLQ = 'arn:aws:sqs:us-east-1:000000000000:orders-dlq';

const failing = () => ({ outcome: 'error' as const });

describe('retryDelay (pace of retries of a failing batch)', () => {
  it(`starts at one poll interval at AWS's base rate of 4 polls a second and doubles to a cap (${WITH_DDB})`, () => {
    expect([1, 2, 3, 4, 5, 6, 100, 10_000].map(retryDelay)).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000, 4000]);
    expect(RETRY_BASE_MS).toBe(250);
    expect(RETRY_MAX_MS).toBe(4000);
  });

  it('rejects a failure count below 1', () => {
    expect(() => retryDelay(0)).toThrow(RangeError);
  });
});

describe(`StreamMapping — retries are paced on the mapping's clock (${DDB_ERRORS})`, () => {
  it('does not retry a failed batch before its wait has elapsed, and waits longer after each failure', async () => {
    const t = setup({}, failing);
    t.add('shard-1', ['a']);
    const mapping = t.create();

    const first = await mapping.poll();
    const tooSoon = await mapping.poll();
    t.clock.advance(RETRY_BASE_MS - 1);
    const stillTooSoon = await mapping.poll();
    t.clock.advance(1);
    const firstRetry = await mapping.poll();
    t.clock.advance(2 * RETRY_BASE_MS - 1);
    const beforeSecondRetry = await mapping.poll();
    t.clock.advance(1);
    const secondRetry = await mapping.poll();

    expect([first, tooSoon, stillTooSoon, firstRetry, beforeSecondRetry, secondRetry]).toEqual([true, false, false, true, false, true]);
    expect(t.batches).toEqual([['a'], ['a'], ['a']]);
    expect(mapping.pending()).toBe(true); // a waiting batch is still pending work
  });

  it('invokes the next batch at once after a retry succeeds (the wait resets)', async () => {
    const t = setup({ batchSize: 1 }, (_event, call) => (call === 1 ? { outcome: 'error' } : { outcome: 'success' }));
    t.add('shard-1', ['a', 'b']);
    const mapping = t.create();

    await mapping.poll();
    t.clock.advance(RETRY_BASE_MS);
    await mapping.poll();
    const next = await mapping.poll();

    expect(next).toBe(true);
    expect(t.batches).toEqual([['a'], ['a'], ['b']]);
  });

  it('paces the halves of a bisected batch like retries (the split itself spends no retry)', async () => {
    const t = setup({ batchSize: 2, bisectBatchOnFunctionError: true, maximumRetryAttempts: 0 }, failing);
    t.add('shard-1', ['a', 'b']);
    const mapping = t.create();

    await mapping.poll();
    const tooSoon = await mapping.poll();
    t.clock.advance(RETRY_BASE_MS);
    await mapping.poll();

    expect(tooSoon).toBe(false);
    expect(t.batches).toEqual([['a', 'b'], ['a']]);
  });

  it('paces a failing final invocation of a tumbling window like a batch retry', async () => {
    const t = setup({ tumblingWindowInSeconds: 60 }, (event) => (event.isFinalInvokeForWindow === true && event.Records.length === 0 ? { outcome: 'error' } : { outcome: 'success', result: { state: {} } }));
    t.add('shard-1', ['a']);
    const mapping = t.create();
    const reports: MappingReport[] = [];
    mapping.onReport((report) => reports.push(report));

    await mapping.poll();
    t.clock.advance(60_000);
    await mapping.poll(); // the final invocation fails
    const tooSoon = await mapping.poll();
    t.clock.advance(RETRY_BASE_MS);
    const retried = await mapping.poll();

    expect([tooSoon, retried]).toEqual([false, true]);
    expect(t.events.map((e) => e.Records.length)).toEqual([1, 0, 0]);
    expect(reports).toMatchObject([{ kind: 'retrying', invokeCount: 1, retryInMs: 250 }, { kind: 'retrying', invokeCount: 2, retryInMs: 500 }]);
  });

  it('drain mode (poll with flush, as runtime.drain() and replay do) does not wait: the clock stays put', async () => {
    const t = setup({ maximumRetryAttempts: 2, destinations: { onFailure: DLQ } }, failing);
    t.add('shard-1', ['a']);
    const mapping = t.create();
    const startedAt = t.clock.now();

    await drain(mapping);

    expect(t.batches).toHaveLength(3);
    expect(t.failures).toHaveLength(1);
    expect(t.clock.now()).toBe(startedAt);
  });
});

describe('StreamMapping — reports for the live log', () => {
  it('reports each retry with its wait, then the batch sent to the on-failure destination', async () => {
    const t = setup({ maximumRetryAttempts: 2, destinations: { onFailure: DLQ } }, failing);
    const [a, b] = t.add('shard-1', ['a', 'b']);
    const mapping = t.create();
    const reports: MappingReport[] = [];
    mapping.onReport((report) => reports.push(report));
    const start = t.clock.now();

    await drain(mapping);

    const batch = { shardId: 'shard-1', startSequenceNumber: a?.dynamodb.SequenceNumber, endSequenceNumber: b?.dynamodb.SequenceNumber, size: 2 };
    expect(reports).toEqual([
      { kind: 'retrying', functionKey: 'onOrder', streamArn: t.source.streamArn, batch, invokeCount: 1, failures: 1, retryAt: start + 250, retryInMs: 250, bisected: false, reason: 'boom' },
      { kind: 'retrying', functionKey: 'onOrder', streamArn: t.source.streamArn, batch, invokeCount: 2, failures: 2, retryAt: start + 500, retryInMs: 500, bisected: false, reason: 'boom' },
      { kind: 'discarded', functionKey: 'onOrder', streamArn: t.source.streamArn, batch, invokeCount: 3, condition: 'RetryAttemptsExhausted', destinationArn: DLQ, reason: 'boom' },
    ]);
  });

  it('reports records too old as discarded with RecordAgeExceeded', async () => {
    const t = setup({ maximumRecordAgeInSeconds: 60, destinations: { onFailure: DLQ } }, failing);
    t.add('shard-1', ['a']);
    const mapping = t.create();
    const reports: MappingReport[] = [];
    mapping.onReport((report) => reports.push(report));

    await mapping.poll();
    t.clock.advance(61_000);
    await mapping.poll();

    expect(reports.map((r) => r.kind)).toEqual(['retrying', 'discarded']);
    expect(reports[1]).toMatchObject({ condition: 'RecordAgeExceeded', invokeCount: 1, destinationArn: DLQ, reason: 'boom' });
    expect(mapping.pending()).toBe(false);
  });

  it('reports a batch given up without an on-failure destination as discarded to nowhere', async () => {
    const t = setup({ maximumRetryAttempts: 0 }, failing);
    t.add('shard-1', ['a']);
    const mapping = t.create({});
    const reports: MappingReport[] = [];
    const unsubscribe = mapping.onReport((report) => reports.push(report));

    await drain(mapping);
    unsubscribe();

    expect(reports).toMatchObject([{ kind: 'discarded', condition: 'RetryAttemptsExhausted', destinationArn: undefined }]);
  });
});
