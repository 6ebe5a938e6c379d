import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import type { InvocationRecord } from '../lambda/types';
import { StreamMapping } from '../mappings/StreamMapping';
import { InMemoryStreamSource } from '../mappings/testing/InMemoryStreamSource';
import { drain } from '../mappings/testing/setupMapping';
import type { StreamEventModel } from '../service/ServiceModel';
import { LiveLog } from './LiveLog';

const DLQ = 'arn:aws:sqs:us-east-1:000000000000:orders-dlq';

/**
 * A stream mapping over an in-memory stream whose invocations and reports both feed one LiveLog, as
 * `tidepool start` wires them; `fails(call)` says whether the n-th invocation fails.
 */
function logged(options: Partial<StreamEventModel>, fails: (call: number) => boolean) {
  const clock = new VirtualClock();
  const source = new InMemoryStreamSource();
  const lines: string[] = [];
  const log = new LiveLog((line) => lines.push(line), () => clock.now());
  let calls = 0;
  const mapping = new StreamMapping({
    functionKey: 'onOrder',
    streamArn: source.streamArn,
    source,
    options: { arn: source.streamArn, ...options },
    clock,
    onFailure: async () => undefined,
    invoke: async (event, { attempt }) => {
      calls += 1;
      const base = {
        requestId: `r-${calls}`, functionKey: 'onOrder', functionName: 'svc-dev-onOrder', event, startedAt: clock.now(), durationMs: 3,
        trigger: { type: 'stream', source: 'orders', records: event.Records.length, attempt },
      };
      const record: InvocationRecord = fails(calls)
        ? { ...base, outcome: 'error', error: { errorType: 'Error', errorMessage: 'boom' } }
        : { ...base, outcome: 'success', result: null };
      log.invocation(record); // what runtime.onInvocation does
      return record;
    },
  });
  mapping.onReport((report) => log.mapping(report));
  const add = (ids: string[]) => ids.forEach((id) => source.append('shard-1', { pk: { S: id } }, clock.now()));
  return { mapping, lines, add, calls: () => calls };
}

describe('LiveLog (tidepool start): a failing batch does not get a line per retry', () => {
  it('prints the first failure, then summary lines at ×2, ×4, ×8 …, then the batch sent to the destination', async () => {
    const { mapping, lines, add, calls } = logged({ maximumRetryAttempts: 11, destinations: { onFailure: DLQ } }, () => true);
    add(['a']);

    await drain(mapping);

    expect(calls()).toBe(12);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/onOrder\s+stream orders \(1 record\)\s+3 ms  error Error: boom$/);
    expect(lines.slice(1, 4).map((l) => /failed ×(\d+), retrying in ([\d.]+ s)/.exec(l)?.slice(1))).toEqual([['2', '0.5 s'], ['4', '2 s'], ['8', '4 s']]);
    expect(lines[4]).toMatch(/→ sent to on-failure destination sqs orders-dlq: retries exhausted after 12 invocations \(boom\)$/);
  });

  it('keeps collapsing when retries are unlimited: 1000 failed invocations give 10 lines', async () => {
    const { mapping, lines, add, calls } = logged({}, () => true);
    add(['a']);

    await drain(mapping, 1000);

    expect(calls()).toBe(1000);
    expect(lines).toHaveLength(10); // the first failure, then ×2, ×4 … ×512
  });

  it('prints the retry that succeeds, and the next batch as usual', async () => {
    const { mapping, lines, add } = logged({ batchSize: 1 }, (call) => call <= 3);
    add(['a', 'b']);

    await drain(mapping);

    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('error Error: boom');
    expect(lines[1]).toContain('failed ×2, retrying');
    expect(lines[2]).toMatch(/stream orders \(1 record\), retry 3\s+3 ms  ok$/);
    expect(lines[3]).toMatch(/stream orders \(1 record\)\s+3 ms  ok$/);
  });

  it('prints every invocation that is not a failed stream retry', () => {
    const lines: string[] = [];
    const log = new LiveLog((line) => lines.push(line), () => new VirtualClock().now());
    const base = { requestId: 'r', functionKey: 'f', functionName: 'f', startedAt: 0, durationMs: 1, event: {} };

    log.invocation({ ...base, trigger: { type: 'httpApi', source: 'GET /orders' }, outcome: 'error', error: { errorType: 'E', errorMessage: 'x' } });
    log.invocation({ ...base, trigger: { type: 'stream', source: 'orders', records: 1, attempt: 2 }, outcome: 'success', result: { batchItemFailures: [] } });
    log.invocation({ ...base, trigger: { type: 'stream', source: 'orders', records: 1, attempt: 2 }, outcome: 'success', result: { batchItemFailures: [{ itemIdentifier: '1' }] } });
    log.invocation({ ...base, trigger: { type: 'stream', source: 'orders', records: 1, attempt: 2 }, outcome: 'timeout' });

    expect(lines).toHaveLength(2);
  });
});
