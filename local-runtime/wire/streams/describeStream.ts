import { constraintError } from '../../engine/errors';
import { optionalInteger } from '../../engine/operations/input';
import { optionalLengthString, requiredString, streamArnOf } from './streamsInput';
import type { Engine } from '../../engine/Engine';
import type { OperationInput } from '../../engine/operations/input';
import type { ShardInfo } from '../../engine/streams/types';

function shardFilterOf(input: OperationInput): string | undefined {
  const filter = input.ShardFilter as { Type?: unknown; ShardId?: unknown } | undefined;
  if (filter === undefined || filter === null) return undefined;
  if (filter.Type !== 'CHILD_SHARDS') throw constraintError(filter.Type, 'shardFilter.type', 'Member must satisfy enum value set: [CHILD_SHARDS]');
  return requiredString(filter as Record<string, unknown>, 'ShardId', 'shardFilter.shardId', 28, 65);
}

function shardShape(shard: ShardInfo): Record<string, unknown> {
  return {
    ShardId: shard.shardId,
    SequenceNumberRange: {
      StartingSequenceNumber: shard.startingSequenceNumber,
      ...(shard.endingSequenceNumber !== undefined ? { EndingSequenceNumber: shard.endingSequenceNumber } : {}),
    },
    ...(shard.parentShardId !== undefined ? { ParentShardId: shard.parentShardId } : {}),
  };
}

/**
 * DescribeStream (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_DescribeStream.html):
 * status, view type, key schema and shards with their sequence number ranges — an EndingSequenceNumber once
 * closed — in lexical order of ShardId, paged by Limit (1–100) and ExclusiveStartShardId: the shards whose id sorts
 * after it, whether or not it names a shard (Kinesis's contract, which Streams clients page by); ShardFilter
 * CHILD_SHARDS lists only the children of one shard.
 */
export function describeStream(engine: Engine, input: OperationInput): Record<string, unknown> {
  const arn = streamArnOf(input);
  const limit = optionalInteger(input, 'Limit', 'limit', 1, 100) ?? 100;
  const start = optionalLengthString(input, 'ExclusiveStartShardId', 'exclusiveStartShardId', 28, 65);
  const parent = shardFilterOf(input);
  const stream = engine.streamLog.describe(arn);
  const shards = stream.shards
    .filter((s) => (parent === undefined || s.parentShardId === parent) && (start === undefined || s.shardId > start))
    .sort((a, b) => (a.shardId < b.shardId ? -1 : 1));
  const page = shards.slice(0, limit);
  return {
    StreamDescription: {
      StreamArn: stream.arn,
      StreamLabel: stream.label,
      StreamStatus: stream.status,
      StreamViewType: stream.viewType,
      CreationRequestDateTime: stream.createdAtMs / 1000,
      TableName: stream.tableName,
      KeySchema: stream.keySchema,
      Shards: page.map(shardShape),
      ...(shards.length > limit ? { LastEvaluatedShardId: page[page.length - 1]?.shardId } : {}),
    },
  };
}
