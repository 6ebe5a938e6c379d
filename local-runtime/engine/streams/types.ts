/**
 * Contracts between the table engine's change-data-capture and its consumers
 * (the DynamoDB Streams wire API and the event-source-mapping emulation).
 * Shapes follow the DynamoDB Streams `GetRecords` response
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_Record.html).
 */

/** An attribute value in DynamoDB JSON, as on the wire: `{ "S": "x" }`, `{ "N": "1" }`, `{ "M": {…} }` … */
export type WireAttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { M: Record<string, WireAttributeValue> }
  | { L: WireAttributeValue[] }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] };

export type WireItem = Record<string, WireAttributeValue>;

export type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';

/** One change record, in the shape GetRecords returns (the Lambda event adds `eventSourceARN`). */
export interface StreamRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: '1.1';
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  dynamodb: {
    /** Epoch seconds. */
    ApproximateCreationDateTime: number;
    Keys: WireItem;
    NewImage?: WireItem;
    OldImage?: WireItem;
    /** Decimal string, strictly increasing within a shard. */
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: StreamViewType;
  };
  /** Present only on TTL deletions: `{ type: 'Service', principalId: 'dynamodb.amazonaws.com' }`. */
  userIdentity?: { type: string; principalId: string };
}

/** A shard of a stream. A consumer finishes a parent shard before reading its children. */
export interface ShardInfo {
  shardId: string;
  parentShardId?: string;
  /** First sequence number the shard may hold (DescribeStream's `SequenceNumberRange.StartingSequenceNumber`). */
  startingSequenceNumber?: string;
  /** Set once the shard is closed: it takes no more records and ends at this sequence number. */
  endingSequenceNumber?: string;
}

/** What the event-source-mapping emulation needs from a stream. */
export interface StreamSource {
  /** Shards of the stream, oldest first. Throws if the stream ARN is unknown. */
  shards(streamArn: string): ShardInfo[];
  /**
   * Records of one shard, in order, strictly after `afterSequenceNumber`
   * (from the trim horizon when undefined), at most `limit`.
   */
  readAfter(streamArn: string, shardId: string, afterSequenceNumber: string | undefined, limit: number): StreamRecord[];
  /** Sequence number of the newest record in the shard (undefined if empty): where a LATEST iterator starts. */
  latestSequenceNumber(streamArn: string, shardId: string): string | undefined;
  /** Called after every append, with the stream ARN. Returns an unsubscribe function. */
  onAppend(listener: (streamArn: string) => void): () => void;
}
