import { describe, expect, it } from 'vitest';
import type { StreamEventModel } from '../service/ServiceModel';
import { MappingError } from './errors';
import { FilterError } from './filter/FilterError';
import type { StreamMapping } from './StreamMapping';
import { RETRY_BASE_MS } from './retryDelay';
import { drain, setup, type Answer } from './testing/setupMapping';
import type { StreamBatchEvent } from './types';

const DDB_PARAMS = 'https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html';
const DDB_ERRORS = 'https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html';
const PARTIAL = 'https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html';

describe('StreamMapping — batching', () => {
  it(`batches up to batchSize records in order and adds eventSourceARN (${DDB_PARAMS})`, async () => {
    const t = setup({ batchSize: 2 });
    t.add('shard-1', ['a', 'b', 'c', 'd', 'e']);
    const mapping = t.create();

    await drain(mapping);

    expect(t.batches).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(t.events[0]?.Records[0]?.eventSourceARN).toBe(t.source.streamArn);
    expect(mapping.pending()).toBe(false);
  });

  it('defaults batchSize to 100', async () => {
    const t = setup({});
    t.add('shard-1', Array.from({ length: 150 }, (_, i) => `k${i}`));
    await drain(t.create());

    expect(t.batches.map((b) => b.length)).toEqual([100, 50]);
  });

  it(`filters before batching; dropped records are checkpointed past (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html)`, async () => {
    const t = setup({ batchSize: 2, filterPatterns: [{ dynamodb: { NewImage: { status: { S: ['PAID'] } } } }] });
    t.add('shard-1', ['a'], { status: { S: 'PAID' } });
    t.add('shard-1', ['b', 'c'], { status: { S: 'NEW' } });
    t.add('shard-1', ['d', 'e'], { status: { S: 'PAID' } });
    t.add('shard-1', ['f'], { status: { S: 'NEW' } });
    const mapping = t.create();

    await drain(mapping);

    expect(t.batches).toEqual([['a', 'd'], ['e']]);
    expect(mapping.pending()).toBe(false);
  });

  it('LATEST starts after the records present at creation; TRIM_HORIZON reads them all', async () => {
    const latest = setup({ startingPosition: 'LATEST' });
    latest.add('shard-1', ['old']);
    const latestMapping = latest.create();
    latest.add('shard-1', ['new']);
    const horizon = setup({ startingPosition: 'TRIM_HORIZON' });
    horizon.add('shard-1', ['old']);
    const horizonMapping = horizon.create();
    horizon.add('shard-1', ['new']);

    await drain(latestMapping);
    await drain(horizonMapping);

    expect(latest.batches).toEqual([['new']]);
    expect(horizon.batches).toEqual([['old', 'new']]);
  });

  it(`waits for batchWindow unless the batch is full, and flush ignores the window (${DDB_PARAMS})`, async () => {
    const t = setup({ batchSize: 3, batchWindow: 10 });
    t.add('shard-1', ['a']);
    const mapping = t.create();

    const early = await mapping.poll();
    t.clock.advance(9_000);
    const stillEarly = await mapping.poll();
    t.clock.advance(1_000);
    const due = await mapping.poll();
    t.add('shard-1', ['b']);
    const flushed = await mapping.poll({ flush: true });

    expect([early, stillEarly, due, flushed]).toEqual([false, false, true, true]);
    expect(t.batches).toEqual([['a'], ['b']]);
  });

  it('processes shards independently with one batch in flight per shard', async () => {
    const t = setup({ batchSize: 1 });
    t.add('shard-1', ['a1', 'a2']);
    t.add('shard-2', ['b1']);
    const mapping = t.create();

    const [first, concurrent] = await Promise.all([mapping.poll(), mapping.poll()]);

    expect(first).toBe(true);
    expect(concurrent).toBe(false);
    expect(t.batches).toEqual([['a1'], ['b1']]);
  });
});

describe('StreamMapping — errors', () => {
  it(`retries a failing batch maximumRetryAttempts times, then sends the on-failure record and moves on (${DDB_ERRORS})`, async () => {
    const t = setup({ batchSize: 2, maximumRetryAttempts: 2 }, (event) => (event.Records.some((r) => r.dynamodb.Keys.pk && 'S' in r.dynamodb.Keys.pk && r.dynamodb.Keys.pk.S === 'bad') ? { outcome: 'error' } : { outcome: 'success' }));
    const [bad, other] = t.add('shard-1', ['bad', 'x']);
    t.add('shard-1', ['next']);
    const mapping = t.create();
    t.clock.advance(5_000);

    await drain(mapping);

    expect(t.batches).toEqual([['bad', 'x'], ['bad', 'x'], ['bad', 'x'], ['next']]);
    expect(t.failures).toEqual([{
      requestContext: {
        requestId: 'req-3',
        functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:svc-dev-onOrder',
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: 3,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: '2026-01-01T00:00:05.000Z',
      DDBStreamBatchInfo: {
        shardId: 'shard-1',
        startSequenceNumber: bad?.dynamodb.SequenceNumber,
        endSequenceNumber: other?.dynamodb.SequenceNumber,
        approximateArrivalOfFirstRecord: '2026-01-01T00:00:00Z',
        approximateArrivalOfLastRecord: '2026-01-01T00:00:00Z',
        batchSize: 2,
        streamArn: t.source.streamArn,
      },
    }]);
  });

  it('retries forever by default (maximumRetryAttempts -1)', async () => {
    const t = setup({}, () => ({ outcome: 'timeout' }));
    t.add('shard-1', ['a']);
    const mapping = t.create();

    await drain(mapping, 20);

    expect(t.batches).toHaveLength(20);
    expect(t.failures).toEqual([]);
    expect(mapping.pending()).toBe(true);
  });

  it(`bisects a failed batch without spending a retry (${DDB_ERRORS})`, async () => {
    const poison = (event: StreamBatchEvent): Answer =>
      event.Records.some((r) => r.dynamodb.NewImage?.pk && 'S' in r.dynamodb.NewImage.pk && r.dynamodb.NewImage.pk.S === 'c') ? { outcome: 'error' } : { outcome: 'success' };
    const t = setup({ batchSize: 4, bisectBatchOnFunctionError: true, maximumRetryAttempts: 0 }, poison);
    t.add('shard-1', ['a', 'b', 'c', 'd']);
    const mapping = t.create();

    await drain(mapping);

    expect(t.batches).toEqual([['a', 'b', 'c', 'd'], ['a', 'b'], ['c', 'd'], ['c'], ['d']]);
    expect(t.failures.map((f) => [f.requestContext.condition, f.DDBStreamBatchInfo.batchSize])).toEqual([['RetryAttemptsExhausted', 1]]);
    expect(mapping.pending()).toBe(false);
  });

  it(`sends records older than maximumRecordAgeInSeconds to on-failure without invoking (${DDB_PARAMS})`, async () => {
    const t = setup({ maximumRecordAgeInSeconds: 60 });
    t.add('shard-1', ['old']);
    t.clock.advance(61_000);
    t.add('shard-1', ['fresh']);
    const mapping = t.create();

    await drain(mapping);

    expect(t.batches).toEqual([['fresh']]);
    expect(t.failures).toHaveLength(1);
    expect(t.failures[0]?.requestContext).toMatchObject({ condition: 'RecordAgeExceeded', approximateInvokeCount: 0 });
    expect(t.failures[0]?.responseContext.functionError).toBeUndefined();
  });

  it('stops retrying a failing batch once its records are too old', async () => {
    const t = setup({ maximumRecordAgeInSeconds: 60 }, () => ({ outcome: 'error' }));
    t.add('shard-1', ['a']);
    const mapping = t.create();

    await mapping.poll();
    t.clock.advance(RETRY_BASE_MS); // the first retry waits one poll interval
    await mapping.poll();
    t.clock.advance(61_000);
    await mapping.poll();

    expect(t.batches).toHaveLength(2);
    expect(t.failures[0]?.requestContext).toMatchObject({ condition: 'RecordAgeExceeded', approximateInvokeCount: 2 });
    expect(mapping.pending()).toBe(false);
  });
});

describe('StreamMapping — partial batch responses', () => {
  it(`checkpoints before the lowest reported failure and retries from there (${PARTIAL})`, async () => {
    let seq: string[] = [];
    const t = setup({ batchSize: 4, functionResponseType: 'ReportBatchItemFailures' }, (_event, call) =>
      call === 1 ? { outcome: 'success', result: { batchItemFailures: [{ itemIdentifier: seq[3] }, { itemIdentifier: seq[1] }] } } : { outcome: 'success', result: { batchItemFailures: [] } });
    seq = t.add('shard-1', ['a', 'b', 'c', 'd']).map((r) => r.dynamodb.SequenceNumber);
    const mapping = t.create();

    await drain(mapping);

    expect(t.batches).toEqual([['a', 'b', 'c', 'd'], ['b', 'c', 'd']]);
    expect(mapping.pending()).toBe(false);
  });

  it.each([
    ['a null itemIdentifier', { batchItemFailures: [{ itemIdentifier: null }] }],
    ['an empty itemIdentifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a wrong key name', { batchItemFailures: [{ id: '1' }] }],
    ['an identifier not in the batch', { batchItemFailures: [{ itemIdentifier: '42' }] }],
  ])(`fails the whole batch for %s (${PARTIAL})`, async (_label, response) => {
    const t = setup({ functionResponseType: 'ReportBatchItemFailures', maximumRetryAttempts: 1 }, () => ({ outcome: 'success', result: response }));
    t.add('shard-1', ['a', 'b']);
    const mapping = t.create();

    await drain(mapping);

    expect(t.batches).toEqual([['a', 'b'], ['a', 'b']]);
    expect(t.failures[0]?.requestContext.condition).toBe('RetryAttemptsExhausted');
    expect(t.failures[0]?.responseContext.functionError).toBeUndefined();
  });

  it.each([null, {}, { batchItemFailures: null }, { batchItemFailures: [] }])(`treats %j as complete success (${PARTIAL})`, async (response) => {
    const t = setup({ functionResponseType: 'ReportBatchItemFailures' }, () => ({ outcome: 'success', result: response }));
    t.add('shard-1', ['a', 'b']);
    const mapping = t.create();

    await drain(mapping);

    expect(t.batches).toEqual([['a', 'b']]);
  });

  it('ignores batchItemFailures unless ReportBatchItemFailures is enabled', async () => {
    const t = setup({}, () => ({ outcome: 'success', result: { batchItemFailures: [{ itemIdentifier: 'x' }] } }));
    t.add('shard-1', ['a']);

    await drain(t.create());

    expect(t.batches).toEqual([['a']]);
  });
});

describe('StreamMapping — configuration', () => {
  it.each([
    [{ parallelizationFactor: 11 }, /parallelizationFactor must be an integer in 1..10/],
    [{ tumblingWindowInSeconds: 901 }, /tumblingWindowInSeconds must be an integer in 0..900/],
    [{ startingPosition: 'AT_TIMESTAMP' }, /startingPosition AT_TIMESTAMP is not supported for DynamoDB streams/],
    [{ batchSize: 0 }, /batchSize must be an integer in 1..10000/],
    [{ maximumRecordAgeInSeconds: 10 }, /maximumRecordAgeInSeconds must be an integer in 60..604800 or -1/],
  ] as Array<[Partial<StreamEventModel>, RegExp]>)('rejects %j with a MappingError', (options, message) => {
    const t = setup(options);
    expect(() => t.create()).toThrow(MappingError);
    expect(() => t.create()).toThrow(message);
  });

  it('rejects invalid filter patterns with a FilterError', () => {
    const t = setup({ filterPatterns: [{ eventName: [] }] });
    expect(() => t.create()).toThrow(FilterError);
  });

  it('does nothing when disabled', async () => {
    const t = setup({ enabled: false });
    t.add('shard-1', ['a']);
    const mapping = t.create();

    expect(await mapping.poll({ flush: true })).toBe(false);
    expect(mapping.pending()).toBe(false);
  });
});
