import { DynamoDbError } from '../../engine/errors';
import { describeStream } from './describeStream';
import { getRecords } from './getRecords';
import { getShardIterator } from './getShardIterator';
import { listStreams } from './listStreams';
import type { Engine } from '../../engine/Engine';
import type { OperationInput } from '../../engine/operations/input';

/** The wire target prefix of the DynamoDB Streams API, served on the same endpoint as DynamoDB. */
export const STREAMS_TARGET_PREFIX = 'DynamoDBStreams_20120810.';

/** The DynamoDB Streams operations, by API name. */
export const STREAMS_OPERATIONS: Record<string, (engine: Engine, input: OperationInput) => Record<string, unknown>> = {
  ListStreams: listStreams,
  DescribeStream: describeStream,
  GetShardIterator: getShardIterator,
  GetRecords: getRecords,
};

/**
 * Run one DynamoDB Streams API operation against the engine's streams; throws DynamoDbError with AWS's types.
 *
 * @example
 * executeStreams(engine, 'ListStreams', { TableName: 'orders' });
 */
export function executeStreams(engine: Engine, operation: string, input: OperationInput): Record<string, unknown> {
  const run = Object.hasOwn(STREAMS_OPERATIONS, operation) ? STREAMS_OPERATIONS[operation] : undefined;
  if (!run) throw new DynamoDbError('UnknownOperationException', '');
  return run(engine, input);
}
