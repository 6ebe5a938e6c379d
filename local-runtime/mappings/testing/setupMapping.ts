/** Test harness for StreamMapping: a virtual clock, an in-memory stream and a scripted function. */
import { VirtualClock } from '../../clock/Clock';
import type { InvocationRecord } from '../../lambda/types';
import type { StreamEventModel } from '../../service/ServiceModel';
import { StreamMapping } from '../StreamMapping';
import type { OnFailureRecord, StreamBatchEvent } from '../types';
import { InMemoryStreamSource } from './InMemoryStreamSource';

/** What the fake function answers for one invocation. */
export type Answer = { outcome: 'success'; result?: unknown } | { outcome: 'error' | 'timeout' };

/**
 * A mapping over an in-memory stream with `options`; `answer` scripts the function per call.
 * `batches` records each invocation's item keys, `failures` the on-failure records.
 */
export function setup(options: Partial<StreamEventModel>, answer: (event: StreamBatchEvent, call: number) => Answer = () => ({ outcome: 'success' })) {
  const clock = new VirtualClock();
  const source = new InMemoryStreamSource();
  const batches: string[][] = [];
  const events: StreamBatchEvent[] = [];
  const failures: OnFailureRecord[] = [];
  const create = (overrides: { invoke?: (event: StreamBatchEvent) => Promise<InvocationRecord> } = {}) => new StreamMapping({
    functionKey: 'onOrder',
    streamArn: source.streamArn,
    source,
    options: { arn: source.streamArn, ...options },
    clock,
    onFailure: async (record) => {
      failures.push(record);
    },
    invoke: async (event) => {
      events.push(event);
      batches.push(event.Records.map((r) => r.dynamodb.NewImage?.pk && 'S' in r.dynamodb.NewImage.pk ? r.dynamodb.NewImage.pk.S : '?'));
      const a = answer(event, batches.length);
      const base = { requestId: `req-${batches.length}`, functionKey: 'onOrder', functionName: 'svc-dev-onOrder', trigger: { type: 'stream', source: 'orders' }, startedAt: 0, durationMs: 1, event };
      return a.outcome === 'success'
        ? { ...base, outcome: 'success', result: a.result ?? null } satisfies InvocationRecord
        : { ...base, outcome: a.outcome, error: { errorType: 'Error', errorMessage: 'boom' } } satisfies InvocationRecord;
    },
    ...overrides,
  });
  const add = (shard: string, ids: string[], extra: Record<string, { S: string }> = {}) =>
    ids.map((id) => source.append(shard, { pk: { S: id }, ...extra }, clock.now()));
  return { clock, source, batches, events, failures, create, add };
}

/** Polls in drain mode (batch windows ignored) until nothing is left to do, at most `limit` times. */
export async function drain(mapping: StreamMapping, limit = 50): Promise<void> {
  for (let i = 0; i < limit && (await mapping.poll({ flush: true })); i += 1);
}

