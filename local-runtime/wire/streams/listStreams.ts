import { optionalInteger } from '../../engine/operations/input';
import { optionalLengthString } from './streamsInput';
import type { Engine } from '../../engine/Engine';
import type { OperationInput } from '../../engine/operations/input';

/**
 * ListStreams (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_ListStreams.html):
 * every readable stream (disabled ones for 24 hours), optionally of one table, in lexical order of ARN, paged by
 * Limit (1–100) and ExclusiveStartStreamArn: the streams whose ARN sorts after it, whether or not it names one.
 */
export function listStreams(engine: Engine, input: OperationInput): Record<string, unknown> {
  const tableName = optionalLengthString(input, 'TableName', 'tableName', 3, 255);
  const limit = optionalInteger(input, 'Limit', 'limit', 1, 100) ?? 100;
  const start = optionalLengthString(input, 'ExclusiveStartStreamArn', 'exclusiveStartStreamArn', 37, 1024);
  const streams = engine.streamLog
    .list()
    .filter((s) => (tableName === undefined || s.tableName === tableName) && (start === undefined || s.arn > start))
    .sort((a, b) => (a.arn < b.arn ? -1 : 1));
  const page = streams.slice(0, limit);
  return {
    Streams: page.map((s) => ({ StreamArn: s.arn, TableName: s.tableName, StreamLabel: s.label })),
    ...(streams.length > limit ? { LastEvaluatedStreamArn: page[page.length - 1]?.arn } : {}),
  };
}
