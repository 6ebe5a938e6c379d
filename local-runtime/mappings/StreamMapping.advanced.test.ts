import { describe, expect, it } from 'vitest';
import type { InvocationRecord } from '../lambda/types';
import { laneOf } from './laneOf';
import { MAX_BATCH_PAYLOAD_BYTES } from './readBatch';
import { drain, setup } from './testing/setupMapping';
import type { StreamBatchEvent } from './types';

const DDB_PARAMS = 'https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html';
const WITH_DDB = 'https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html';
const DDB_ERRORS = 'https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html';
const WINDOWS = 'https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-windows.html';

const keyOf = (event: StreamBatchEvent): string[] =>
  event.Records.map((r) => (r.dynamodb.Keys.pk && 'S' in r.dynamodb.Keys.pk ? r.dynamodb.Keys.pk.S : '?'));

/** Two item keys that land in different lanes for `factor`. */
function keysInDifferentLanes(factor: number): [string, string] {
  const lane = (id: string) => laneOf({ dynamodb: { Keys: { pk: { S: id } } } } as never, factor);
  const first = 'k0';
  for (let i = 1; ; i += 1) if (lane(`k${i}`) !== lane(first)) return [first, `k${i}`];
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('StreamMapping — parallelizationFactor', () => {
  it(`runs up to parallelizationFactor batches of one shard at once (${DDB_PARAMS})`, async () => {
    const [a, b] = keysInDifferentLanes(2);
    const t = setup({ parallelizationFactor: 2, batchSize: 10 });
    t.add('shard-1', [a, b]);
    const gate = deferred();
    const inFlight: string[][] = [];
    const mapping = t.create({
      invoke: async (event) => {
        inFlight.push(keyOf(event));
        await gate.promise;
        return { requestId: 'r', functionKey: 'onOrder', functionName: 'f', trigger: { type: 'stream', source: 'orders' }, startedAt: 0, durationMs: 1, event, outcome: 'success', result: null } satisfies InvocationRecord;
      },
    });

    const polling = mapping.poll({ flush: true });
    const whileBusy = [...inFlight];
    gate.resolve();
    await polling;

    expect(whileBusy.sort()).toEqual([[a], [b]].sort());
  });

  it(`keeps every item's records in order, and a failing item holds back only its own lane (${DDB_PARAMS})`, async () => {
    const [good, bad] = keysInDifferentLanes(3);
    const t = setup({ parallelizationFactor: 3, batchSize: 1, maximumRetryAttempts: 1 }, (event) => (keyOf(event)[0] === bad ? { outcome: 'error' } : { outcome: 'success' }));
    t.source.append('shard-1', { pk: { S: bad }, n: { S: '1' } }, t.clock.now());
    t.source.append('shard-1', { pk: { S: good }, n: { S: '1' } }, t.clock.now());
    t.source.append('shard-1', { pk: { S: good }, n: { S: '2' } }, t.clock.now());
    t.source.append('shard-1', { pk: { S: bad }, n: { S: '2' } }, t.clock.now());
    const mapping = t.create();

    await drain(mapping);

    const seen = t.events.map((e) => `${keyOf(e)[0]}#${e.Records[0]?.dynamodb.NewImage?.n && 'S' in e.Records[0].dynamodb.NewImage.n ? e.Records[0].dynamodb.NewImage.n.S : ''}`);
    expect(seen.filter((s) => s.startsWith(`${good}#`))).toEqual([`${good}#1`, `${good}#2`]);
    expect(seen.filter((s) => s.startsWith(`${bad}#`))).toEqual([`${bad}#1`, `${bad}#1`, `${bad}#2`, `${bad}#2`]);
    expect(seen.indexOf(`${good}#2`)).toBeLessThan(seen.indexOf(`${bad}#2`));
    expect(t.failures).toHaveLength(2);
    expect(mapping.pending()).toBe(false);
  });
});

describe('StreamMapping — shards', () => {
  it(`reads a child shard only after its parent is fully processed (${WITH_DDB})`, async () => {
    const t = setup({ batchSize: 1 });
    t.source.addShard('parent');
    t.source.addShard('child', 'parent');
    t.add('parent', ['p1', 'p2']);
    t.add('child', ['c1']);
    const mapping = t.create();

    await drain(mapping);

    expect(t.batches).toEqual([['p1'], ['p2'], ['c1']]);
  });

  it('reads a child shard whose parent is no longer listed (trimmed)', async () => {
    const t = setup({});
    t.source.addShard('child', 'gone');
    t.add('child', ['c1']);

    await drain(t.create());

    expect(t.batches).toEqual([['c1']]);
  });
});

describe('StreamMapping — retries and batching', () => {
  it(`re-reads a retried batch from the checkpoint, so newer records can join it (${DDB_ERRORS})`, async () => {
    let calls = 0;
    const t = setup({ batchSize: 10 }, () => (++calls === 1 ? { outcome: 'error' } : { outcome: 'success' }));
    t.add('shard-1', ['a']);
    const mapping = t.create();

    await mapping.poll({ flush: true });
    t.add('shard-1', ['b']);
    await drain(mapping);

    expect(t.batches).toEqual([['a'], ['a', 'b']]);
  });

  it(`with bisect on, a partial failure retries only the remaining records of the batch (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html)`, async () => {
    let seq: string[] = [];
    let calls = 0;
    const t = setup({ batchSize: 10, functionResponseType: 'ReportBatchItemFailures', bisectBatchOnFunctionError: true }, () =>
      (++calls === 1 ? { outcome: 'success', result: { batchItemFailures: [{ itemIdentifier: seq[1] }] } } : { outcome: 'success' }));
    seq = t.add('shard-1', ['a', 'b', 'c']).map((r) => r.dynamodb.SequenceNumber);
    const mapping = t.create();

    await mapping.poll({ flush: true });
    t.add('shard-1', ['d']);
    await drain(mapping);

    expect(t.batches).toEqual([['a', 'b', 'c'], ['b', 'c'], ['d']]);
  });

  it(`without bisect, a partial failure re-reads from the checkpoint (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html)`, async () => {
    let seq: string[] = [];
    let calls = 0;
    const t = setup({ batchSize: 10, functionResponseType: 'ReportBatchItemFailures' }, () =>
      (++calls === 1 ? { outcome: 'success', result: { batchItemFailures: [{ itemIdentifier: seq[1] }] } } : { outcome: 'success' }));
    seq = t.add('shard-1', ['a', 'b', 'c']).map((r) => r.dynamodb.SequenceNumber);
    const mapping = t.create();

    await mapping.poll({ flush: true });
    t.add('shard-1', ['d']);
    await drain(mapping);

    expect(t.batches).toEqual([['a', 'b', 'c'], ['b', 'c', 'd']]);
  });

  it(`measures the batch window from when the poller first sees a record (${DDB_PARAMS})`, async () => {
    const t = setup({ batchWindow: 10 });
    t.add('shard-1', ['a']);
    t.clock.advance(60_000);
    const mapping = t.create();

    const first = await mapping.poll();
    t.clock.advance(10_000);
    const second = await mapping.poll();

    expect([first, second]).toEqual([false, true]);
  });

  it(`closes a batch before its payload exceeds 6 MB (${DDB_PARAMS})`, async () => {
    const t = setup({ batchSize: 100 });
    const big = 'x'.repeat(1_500_000);
    for (let i = 0; i < 6; i += 1) t.source.append('shard-1', { pk: { S: `k${i}` }, blob: { S: big } }, t.clock.now());

    await drain(t.create());

    expect(t.batches.map((b) => b.length)).toEqual([4, 2]);
    for (const event of t.events) expect(Buffer.byteLength(JSON.stringify(event))).toBeLessThanOrEqual(MAX_BATCH_PAYLOAD_BYTES);
  });
});

describe('StreamMapping — tumbling windows', () => {
  const sum = (event: StreamBatchEvent) => ({
    outcome: 'success' as const,
    result: { state: { count: Number(event.state?.['count'] ?? 0) + event.Records.length }, batchItemFailures: [] },
  });

  it(`carries state between invocations of a window and ends it with a final invocation (${WINDOWS})`, async () => {
    const t = setup({ batchSize: 2, tumblingWindowInSeconds: 60 }, sum);
    t.add('shard-1', ['a', 'b', 'c']);
    const mapping = t.create();

    await drain(mapping);
    t.clock.advance(60_000);
    await drain(mapping);

    expect(t.events.map((e) => [keyOf(e), e.state, e.isFinalInvokeForWindow])).toEqual([
      [['a', 'b'], {}, false],
      [['c'], { count: 2 }, false],
      [[], { count: 3 }, true],
    ]);
    expect(t.events[0]).toMatchObject({
      window: { start: '2026-01-01T00:00:00Z', end: '2026-01-01T00:01:00Z' },
      shardId: 'shard-1',
      eventSourceARN: t.source.streamArn,
      isWindowTerminatedEarly: false,
    });
  });

  it(`never mixes windows in one batch, and a batch read after the window closed is its final invocation (${WINDOWS})`, async () => {
    const t = setup({ batchSize: 10, tumblingWindowInSeconds: 60 }, sum);
    t.add('shard-1', ['a']);
    t.clock.advance(60_000);
    t.add('shard-1', ['b']);
    const mapping = t.create();

    await drain(mapping);

    expect(t.events.map((e) => [keyOf(e), e.window?.start, e.state, e.isFinalInvokeForWindow])).toEqual([
      [['a'], '2026-01-01T00:00:00Z', {}, true],
      [['b'], '2026-01-01T00:01:00Z', {}, false],
    ]);
  });

  it(`keeps the window's state when a batch fails, and retries it (${WINDOWS})`, async () => {
    let calls = 0;
    const t = setup({ batchSize: 1, tumblingWindowInSeconds: 60 }, (event) => (++calls === 2 ? { outcome: 'error' } : sum(event)));
    t.add('shard-1', ['a', 'b']);

    await drain(t.create());

    expect(t.events.map((e) => [keyOf(e), e.state])).toEqual([[['a'], {}], [['b'], { count: 1 }], [['b'], { count: 1 }]]);
  });

  it(`terminates a window early when its state exceeds 1 MB (${WINDOWS})`, async () => {
    const t = setup({ batchSize: 1, tumblingWindowInSeconds: 60 }, (event) =>
      event.isFinalInvokeForWindow ? { outcome: 'success' } : { outcome: 'success', result: { state: { blob: 'x'.repeat(1024 * 1024) } } });
    t.add('shard-1', ['a', 'b']);

    await drain(t.create());

    expect(t.events.map((e) => [keyOf(e), e.isFinalInvokeForWindow, e.isWindowTerminatedEarly, Object.keys(e.state ?? {})])).toEqual([
      [['a'], false, false, []],
      [[], true, true, ['blob']],
      [['b'], false, false, []],
      [[], true, true, ['blob']],
    ]);
  });
});
