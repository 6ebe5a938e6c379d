import { describe, expect, it } from 'vitest';
import type { InvocationRecord } from '../lambda/types';
import type { MappingReport } from '../mappings/types';
import { formatDenial, formatDiscarded, formatInvocation, formatRetrying } from './formatInvocation';

const base: InvocationRecord = {
  requestId: 'r-1',
  functionKey: 'onOrderPlaced',
  functionName: 'tidepool-dev-onOrderPlaced',
  trigger: { type: 'stream', source: 'tidepool-dev-orders', records: 3, attempt: 1 },
  startedAt: Date.UTC(2026, 0, 1, 12, 0, 1, 42),
  durationMs: 8.4,
  outcome: 'success',
  result: { batchItemFailures: [] },
  event: {},
};

describe('formatInvocation (one live log line per invocation)', () => {
  it('shows time, function, trigger with record count, duration and outcome', () => {
    expect(formatInvocation(base)).toMatch(/^12:00:01\.042  onOrderPlaced\s+stream tidepool-dev-orders \(3 records\)\s+8 ms  ok$/);
  });

  it('marks retries and partial batch failures', () => {
    const line = formatInvocation({ ...base, trigger: { ...base.trigger, attempt: 3 }, result: { batchItemFailures: [{ itemIdentifier: '1' }] } });
    expect(line).toContain('(3 records), retry 2');
    expect(line).toContain('ok, 1 partial failure(s)');
  });

  it('shows the HTTP status and errors as Lambda reports them', () => {
    expect(formatInvocation({ ...base, trigger: { type: 'httpApi', source: 'POST /orders' }, result: { statusCode: 201 } })).toMatch(/httpApi POST \/orders\s+8 ms  ok 201$/);
    expect(formatInvocation({ ...base, outcome: 'error', error: { errorType: 'TypeError', errorMessage: 'boom' } })).toMatch(/error TypeError: boom$/);
    expect(formatInvocation({ ...base, outcome: 'timeout' })).toMatch(/timed out$/);
  });

  it('explains a request the authorizer refused, which API Gateway only answers with Unauthorized', () => {
    const line = formatDenial({ route: 'GET /orders', statusCode: 401, reason: 'token expired' }, Date.UTC(2026, 0, 1, 12, 0, 1, 42));
    expect(line).toMatch(/^12:00:01\.042  \(authorizer\)\s+httpApi GET \/orders\s+401 Unauthorized: token expired$/);
  });
});

const STREAM = 'arn:aws:dynamodb:us-east-1:000000000000:table/tidepool-dev-orders/stream/2026-01-01T00:00:00.000';
const DLQ = 'arn:aws:sqs:us-east-1:000000000000:tidepool-dev-orders-dlq';
const AT = Date.UTC(2026, 0, 1, 12, 0, 9, 5);
const batch = { shardId: 'shardId-000001', startSequenceNumber: '000000000000000000101', endSequenceNumber: '000000000000000000103', size: 3 };
type Retrying = Extract<MappingReport, { kind: 'retrying' }>;
type Discarded = Extract<MappingReport, { kind: 'discarded' }>;
const retrying: Retrying = {
  kind: 'retrying', functionKey: 'onOrderPlaced', streamArn: STREAM, batch, invokeCount: 4, failures: 4,
  retryAt: AT + 2000, retryInMs: 2000, bisected: false, reason: 'boom',
};
const discarded: Discarded = {
  kind: 'discarded', functionKey: 'onOrderPlaced', streamArn: STREAM, batch, invokeCount: 3,
  condition: 'RetryAttemptsExhausted', destinationArn: DLQ, reason: 'boom',
};

describe('formatRetrying (the summary line of a batch that keeps failing)', () => {
  it('shows the function, the stream, the failure count, the wait and the reason', () => {
    expect(formatRetrying(retrying, AT)).toMatch(/^12:00:09\.005  onOrderPlaced\s+stream tidepool-dev-orders \(3 records\)\s+failed ×4, retrying in 2 s: boom$/);
  });

  it('says when the batch was split in two, with sub-second waits', () => {
    expect(formatRetrying({ ...retrying, invokeCount: 2, retryInMs: 250, bisected: true }, AT)).toContain('failed ×2, batch split in two, retrying in 0.25 s: boom');
  });
});

describe('formatDiscarded (a batch given up gets its own line)', () => {
  it('names function, stream, sequence range, shard, destination and "retries exhausted"', () => {
    expect(formatDiscarded(discarded, AT)).toBe(
      '12:00:09.005  onOrderPlaced         stream tidepool-dev-orders (3 records) seq 000000000000000000101–000000000000000000103, shard shardId-000001'
      + '  → sent to on-failure destination sqs tidepool-dev-orders-dlq: retries exhausted after 3 invocations (boom)',
    );
  });

  it('says "record too old" for RecordAgeExceeded, and one sequence number for a one-record batch', () => {
    const one = { ...batch, endSequenceNumber: batch.startSequenceNumber, size: 1 };
    const line = formatDiscarded({ ...discarded, batch: one, condition: 'RecordAgeExceeded', invokeCount: 1, reason: undefined }, AT);
    expect(line).toContain('(1 record) seq 000000000000000000101, shard');
    expect(line).toMatch(/→ sent to on-failure destination sqs tidepool-dev-orders-dlq: record too old \(maximumRecordAgeInSeconds\) after 1 invocation$/);
  });

  it('says the records were dropped when the mapping has no on-failure destination', () => {
    expect(formatDiscarded({ ...discarded, destinationArn: undefined }, AT)).toContain('→ discarded (no on-failure destination): retries exhausted after 3 invocations (boom)');
  });

  it('names an SNS topic destination by service and name', () => {
    expect(formatDiscarded({ ...discarded, destinationArn: 'arn:aws:sns:us-east-1:000000000000:alerts' }, AT)).toContain('sent to on-failure destination sns alerts:');
  });
});
