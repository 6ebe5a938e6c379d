import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReplayReport } from '../replay/types';

/** `tidepool replay` as a subprocess of the real CLI, on the reference service. */
const BIN = fileURLToPath(new URL('./bin.js', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'tidepool-replay-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function replay(args: string[]) {
  const run = spawnSync(process.execPath, [BIN, 'replay', ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', AWS_LAMBDA_LOG_LEVEL: 'INFO' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('tidepool replay', () => {
  it('replays the committed sample batch through onOrderPlaced with the documented report', () => {
    // events/streams/replay-batch.jsonl: 7 records. The filter (INSERTs of entityType Order) drops the
    // MODIFY, the REMOVE and the Customer INSERT (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html).
    // The 4 order INSERTs form one batch (batchSize 25). Orders A, B and D start their PlaceOrder sagas
    // (one SagaState item each; D's retries find its saga started); C has no customerId, so the
    // handler reports it in batchItemFailures and the checkpoint moves to it: C and D
    // are retried (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html)
    // until maximumRetryAttempts (3) runs out, then go to the on-failure destination as one batch
    // (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html).
    const reportFile = join(out, 'report.json');
    const run = replay(['onOrderPlaced', 'events/streams/replay-batch.jsonl', '--seed', 'events/streams/replay-seed.json', '--report', reportFile]);

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/records read\s+7\n/);
    expect(run.stdout).toMatch(/filtered out\s+3\n/);
    expect(run.stdout).toMatch(/sent to destination\s+2\n/);
    expect(run.stdout).toMatch(/table tidepool-dev-orders\s+3 inserted, 0 modified, 0 removed/);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as ReplayReport;
    expect(report).toMatchObject({
      function: 'onOrderPlaced',
      recordsRead: 7,
      filteredOut: 3,
      batches: 1,
      invocations: 4,
      retries: 3,
      sentToDestination: 2,
      discarded: 0,
      destination: 'arn:aws:sqs:us-east-1:000000000000:tidepool-dev-order-events-dlq',
      stopped: 'done',
      tableChanges: { 'tidepool-dev-orders': { inserted: 3, modified: 0, removed: 0 } },
    });
    const C = '4000000000000000000004';
    expect(report.invocationDetails.map((i) => [i.kind, i.records, i.firstSequenceNumber, i.lastSequenceNumber, i.batchItemFailures])).toEqual([
      ['batch', 4, '4000000000000000000001', '4000000000000000000005', [C]],
      ['retry', 2, C, '4000000000000000000005', [C]],
      ['retry', 2, C, '4000000000000000000005', [C]],
      ['retry', 2, C, '4000000000000000000005', [C]],
    ]);
    expect(report.onFailureRecords).toHaveLength(1);
    expect(report.onFailureRecords[0]).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 4 },
      DDBStreamBatchInfo: { startSequenceNumber: C, endSequenceNumber: '4000000000000000000005', batchSize: 2 },
    });
  });

  it('accepts a Lambda event file and prints the report as JSON with --json (exit 0)', () => {
    const run = replay(['onOrderPlaced', 'events/streams/order-inserted.json', '--json']);

    expect(run.code).toBe(0);
    // The order's INSERT starts its saga: one SagaState item is written.
    expect(JSON.parse(run.stdout)).toMatchObject({
      recordsRead: 1,
      filteredOut: 0,
      batches: 1,
      invocations: 1,
      retries: 0,
      sentToDestination: 0,
      tableChanges: { 'tidepool-dev-orders': { inserted: 1, modified: 0, removed: 0 } },
    });
  });

  it('reports every malformed record with file, line and field, and invokes nothing (exit 2)', () => {
    const reportFile = join(out, 'never.json');
    const run = replay(['onOrderPlaced', 'events/streams/replay-malformed.jsonl', 'events/streams/order-inserted.json', '--report', reportFile]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('4 problems in the input; nothing was replayed');
    const file = 'events/streams/replay-malformed.jsonl';
    expect(run.stderr).toContain(`${file}:2: eventName: expected INSERT, MODIFY or REMOVE, got "UPDATE"`);
    expect(run.stderr).toContain(`${file}:3: dynamodb.Keys.PK: expected a DynamoDB attribute value like {"S": "…"}`);
    expect(run.stderr).toContain(`${file}:4: dynamodb.SequenceNumber: expected a string of digits, got "abc"`);
    expect(run.stderr).toContain(`${file}:4: dynamodb.ApproximateCreationDateTime: expected epoch seconds as a number`);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toContain('Order processed');
    expect(existsSync(reportFile)).toBe(false);
  });

  it('rejects a SequenceNumber repeated across files, naming both positions (exit 2)', () => {
    const run = replay(['onOrderPlaced', 'events/streams/order-inserted.json', 'events/streams/order-inserted.json']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('events/streams/order-inserted.json: Records[0]: dynamodb.SequenceNumber: 111100000000052417635912 repeats the record at events/streams/order-inserted.json: Records[0]');
  });

  it('names the functions that have a stream event when the function has none (exit 2)', () => {
    const run = replay(['createOrder', 'events/streams/order-inserted.json']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('function "createOrder" has no stream event');
    expect(run.stderr).toContain('functions with a stream event: onOrderPlaced, runSagas, publishOrderEvents, onOrderCancelled, expireHolds');
  });

  it('shows examples and exit codes in --help', () => {
    const run = replay(['--help']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('tidepool replay onOrderPlaced events/streams/replay-batch.jsonl');
    expect(run.stdout).toContain('Exit codes: 0 replay done');
  });
});
