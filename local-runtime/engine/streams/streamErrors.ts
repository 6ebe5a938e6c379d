import { DynamoDbError, resourceNotFound } from '../errors';

/** Errors of the DynamoDB Streams API, with AWS's types and messages (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB_Streams.html). */
export const streamErrors = {
  streamNotFound: (arn: string): DynamoDbError => resourceNotFound(`Requested resource not found: Stream: ${arn} not found`),
  shardNotFound: (arn: string, shardId: string): DynamoDbError =>
    resourceNotFound(`Requested resource not found: Shard: ${shardId} in Stream: ${arn} not found`),
  trimmed: (): DynamoDbError => new DynamoDbError('TrimmedDataAccessException', 'The operation attempted to read past the oldest stream record in a shard.'),
  expired: (): DynamoDbError => new DynamoDbError('ExpiredIteratorException', 'The provided iterator exceeds the maximum age allowed.'),
};
