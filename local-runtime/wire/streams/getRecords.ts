import { optionalInteger } from '../../engine/operations/input';
import { parseSequenceNumber } from '../../engine/streams/sequenceNumbers';
import { streamErrors } from '../../engine/streams/streamErrors';
import { ITERATOR_LIFETIME_MS, decodeShardIterator, encodeShardIterator } from './shardIterator';
import { requiredString } from './streamsInput';
import type { Engine } from '../../engine/Engine';
import type { OperationInput } from '../../engine/operations/input';
import type { StreamRecord } from '../../engine/streams/types';

/** GetRecords returns at most 1 MB of data (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetRecords.html). */
const MAX_BYTES = 1024 * 1024;

/**
 * GetRecords (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetRecords.html): up to
 * Limit (1–1000, default 1000) records or 1 MB, and the iterator to continue from; no NextShardIterator once a
 * closed shard has been read to its end. Errors: ExpiredIteratorException after 15 minutes,
 * TrimmedDataAccessException when records the iterator points at were trimmed.
 */
export function getRecords(engine: Engine, input: OperationInput): Record<string, unknown> {
  const iterator = requiredString(input, 'ShardIterator', 'shardIterator', 1, 2048);
  const limit = optionalInteger(input, 'Limit', 'limit', 1, 1000) ?? 1000;
  const position = decodeShardIterator(iterator);
  const now = engine.options.clock.now();
  if (now - position.issuedAtMs > ITERATOR_LIFETIME_MS) throw streamErrors.expired();
  const shard = engine.streamLog.shard(position.streamArn, position.shardId);
  if (position.afterN < shard.trimmedThrough) throw streamErrors.trimmed();
  const records: StreamRecord[] = [];
  let bytes = 0;
  for (const record of shard.readAfter(position.afterN, limit)) {
    if (records.length > 0 && bytes + record.dynamodb.SizeBytes > MAX_BYTES) break;
    bytes += record.dynamodb.SizeBytes;
    records.push(toStreamsApiShape(structuredClone(record)));
  }
  const last = records[records.length - 1];
  const afterN = last ? (parseSequenceNumber(last.dynamodb.SequenceNumber) as number) : position.afterN;
  const finished = shard.closed && shard.readAfter(afterN, 1).length === 0;
  return {
    Records: records,
    ...(finished ? {} : { NextShardIterator: encodeShardIterator({ ...position, afterN, issuedAtMs: now }) }),
  };
}

/**
 * The Streams API names the identity's fields `PrincipalId`/`Type`
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_Identity.html);
 * the engine keeps the Lambda event's `principalId`/`type`.
 */
function toStreamsApiShape(record: StreamRecord): StreamRecord {
  if (!record.userIdentity) return record;
  const { type, principalId } = record.userIdentity;
  return { ...record, userIdentity: { PrincipalId: principalId, Type: type } } as unknown as StreamRecord;
}

