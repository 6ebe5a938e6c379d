import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type DynamoDBStreamsClient,
  type Shard,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { StreamEventRecord } from '../mappings/types';
import { ReplayError } from './errors';
import { toLambdaRecord } from './toLambdaRecord';

export interface RecordStreamOptions {
  tableName: string;
  dynamodb: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  /** `trim-horizon`: everything the stream holds; `latest`: only records written from now on. */
  from: 'trim-horizon' | 'latest';
  /** Stop after this many records (default: until aborted). */
  maxRecords?: number;
  /** Stops reading (Ctrl-C); records already written stay written. */
  signal: AbortSignal;
  write: (record: StreamEventRecord) => void | Promise<void>;
  /** Waits `ms` or until aborted. Injectable for tests. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

interface ShardState {
  shard: Shard;
  iterator: string | undefined;
  /** Read to its end (closed shard, no NextShardIterator). */
  done: boolean;
  lastSequenceNumber: string | undefined;
}

/** Backoff after a polling round that returned nothing: 250 ms doubling up to 2 s, reset by any record. */
const IDLE_WAIT_MS = { first: 250, max: 2000 };

const defaultWait = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });

/**
 * Reads a table's stream through the DynamoDB Streams API and hands every record, in the Lambda
 * shape, to `write`: DescribeTable → LatestStreamArn; DescribeStream for the shards; parents are read
 * to their end before their children
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html); GetShardIterator /
 * GetRecords, backing off when a round returns nothing (an empty GetRecords does not mean the shard is
 * finished: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetRecords.html).
 * Resolves with the number of records written, at `maxRecords` or when `signal` aborts.
 *
 * @throws ReplayError `replay.record.no_stream` when the table has no stream.
 */
export async function recordStream(options: RecordStreamOptions): Promise<{ records: number; streamArn: string }> {
  const { streams, signal, maxRecords } = options;
  const wait = options.wait ?? defaultWait;
  const table = await options.dynamodb.send(new DescribeTableCommand({ TableName: options.tableName }), { abortSignal: signal });
  const streamArn = table.Table?.LatestStreamArn;
  if (streamArn === undefined || table.Table?.StreamSpecification?.StreamEnabled === false) {
    throw new ReplayError('replay.record.no_stream', `table ${options.tableName} has no stream enabled`, [], {});
  }
  const states = new Map<string, ShardState>();
  let count = 0;
  let idle = 0;
  let firstDescribe = true;
  while (!signal.aborted && (maxRecords === undefined || count < maxRecords)) {
    for (const shard of await describeShards(streams, streamArn, signal)) {
      if (shard.ShardId === undefined || states.has(shard.ShardId)) continue;
      // With `latest`, shards closed before we started hold only old records.
      const skip = options.from === 'latest' && firstDescribe && shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
      states.set(shard.ShardId, { shard, iterator: undefined, done: skip, lastSequenceNumber: undefined });
    }
    const startType: ShardIteratorType = options.from === 'latest' && firstDescribe ? 'LATEST' : 'TRIM_HORIZON';
    const latestShards = new Set(firstDescribe ? states.keys() : []);
    firstDescribe = false;
    let readAny = false;
    for (const state of states.values()) {
      if (state.done || signal.aborted || (maxRecords !== undefined && count >= maxRecords)) continue;
      const parent = state.shard.ParentShardId === undefined ? undefined : states.get(state.shard.ParentShardId);
      if (parent !== undefined && !parent.done) continue; // parents first
      const type = latestShards.has(state.shard.ShardId!) ? startType : 'TRIM_HORIZON';
      state.iterator ??= await iteratorFor(streams, streamArn, state, type, signal);
      const page = await getRecords(streams, streamArn, state, signal);
      for (const record of page) {
        if (maxRecords !== undefined && count >= maxRecords) break;
        await options.write(toLambdaRecord(record, streamArn));
        state.lastSequenceNumber = record.dynamodb?.SequenceNumber;
        count += 1;
        readAny = true;
      }
    }
    if (readAny) idle = 0;
    else {
      idle = idle === 0 ? IDLE_WAIT_MS.first : Math.min(idle * 2, IDLE_WAIT_MS.max);
      if (!signal.aborted) await wait(idle, signal);
    }
  }
  return { records: count, streamArn };
}

async function describeShards(streams: DynamoDBStreamsClient, streamArn: string, signal: AbortSignal): Promise<Shard[]> {
  const shards: Shard[] = [];
  let start: string | undefined;
  do {
    const page = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ...(start && { ExclusiveStartShardId: start }) }), { abortSignal: signal });
    shards.push(...(page.StreamDescription?.Shards ?? []));
    start = page.StreamDescription?.LastEvaluatedShardId;
  } while (start !== undefined);
  return shards;
}

async function iteratorFor(streams: DynamoDBStreamsClient, streamArn: string, state: ShardState, type: ShardIteratorType, signal: AbortSignal): Promise<string | undefined> {
  const after = state.lastSequenceNumber;
  const output = await streams.send(new GetShardIteratorCommand({
    StreamArn: streamArn,
    ShardId: state.shard.ShardId,
    ShardIteratorType: after === undefined ? type : 'AFTER_SEQUENCE_NUMBER',
    ...(after !== undefined && { SequenceNumber: after }),
  }), { abortSignal: signal });
  return output.ShardIterator;
}

/** One GetRecords on a shard; renews an expired iterator, restarts at the trim horizon after a trim. */
async function getRecords(streams: DynamoDBStreamsClient, streamArn: string, state: ShardState, signal: AbortSignal) {
  if (state.iterator === undefined) {
    state.done = true;
    return [];
  }
  try {
    const output = await streams.send(new GetRecordsCommand({ ShardIterator: state.iterator }), { abortSignal: signal });
    state.iterator = output.NextShardIterator;
    if (state.iterator === undefined) state.done = true;
    return output.Records ?? [];
  } catch (error) {
    if (error instanceof ExpiredIteratorException) {
      state.iterator = await iteratorFor(streams, streamArn, state, 'TRIM_HORIZON', signal);
      return [];
    }
    if (error instanceof TrimmedDataAccessException) {
      state.lastSequenceNumber = undefined;
      state.iterator = await iteratorFor(streams, streamArn, state, 'TRIM_HORIZON', signal);
      return [];
    }
    throw error;
  }
}
