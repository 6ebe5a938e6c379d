import { constraintError, validationError } from '../../engine/errors';
import { parseSequenceNumber } from '../../engine/streams/sequenceNumbers';
import { streamErrors } from '../../engine/streams/streamErrors';
import { encodeShardIterator } from './shardIterator';
import { optionalLengthString, requiredString, streamArnOf } from './streamsInput';
import type { Engine } from '../../engine/Engine';
import type { OperationInput } from '../../engine/operations/input';
import type { StreamShard } from '../../engine/streams/StreamShard';

const TYPES = ['TRIM_HORIZON', 'LATEST', 'AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'] as const;
type IteratorType = (typeof TYPES)[number];

/** Position (the counter an iterator reads strictly after) per iterator type. */
const POSITIONS: Record<IteratorType, (shard: StreamShard, engine: Engine, sequence: number | undefined) => number> = {
  TRIM_HORIZON: (shard) => shard.trimmedThrough,
  LATEST: (shard, engine) => shard.endN ?? shard.lastN ?? engine.streamLog.lastCounter,
  AT_SEQUENCE_NUMBER: (_shard, _engine, sequence) => (sequence as number) - 1,
  AFTER_SEQUENCE_NUMBER: (_shard, _engine, sequence) => sequence as number,
};

/**
 * GetShardIterator (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetShardIterator.html):
 * TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER. A sequence number before the trim horizon is a
 * TrimmedDataAccessException.
 */
export function getShardIterator(engine: Engine, input: OperationInput): Record<string, unknown> {
  const arn = streamArnOf(input);
  const shardId = requiredString(input, 'ShardId', 'shardId', 28, 65);
  const type = input.ShardIteratorType;
  if (type === undefined || type === null) throw constraintError(null, 'shardIteratorType', 'Member must not be null');
  if (!(TYPES as readonly unknown[]).includes(type)) throw constraintError(type, 'shardIteratorType', `Member must satisfy enum value set: [${TYPES.join(', ')}]`);
  const text = optionalLengthString(input, 'SequenceNumber', 'sequenceNumber', 21, 40);
  const needsSequence = type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER';
  if (needsSequence && text === undefined) throw validationError(`Must specify a SequenceNumber for ShardIteratorType ${type}`);
  const sequence = text === undefined ? undefined : parseSequenceNumber(text);
  if (needsSequence && sequence === undefined) throw validationError(`Invalid SequenceNumber: ${text}`);
  const shard = engine.streamLog.shard(arn, shardId);
  const afterN = POSITIONS[type as IteratorType](shard, engine, sequence);
  if (afterN < shard.trimmedThrough) throw streamErrors.trimmed();
  return { ShardIterator: encodeShardIterator({ streamArn: arn, shardId, afterN, issuedAtMs: engine.options.clock.now() }) };
}
