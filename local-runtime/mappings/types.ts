import type { StreamRecord } from '../engine/streams/types';

/** A record as Lambda delivers it from a DynamoDB stream. */
export type StreamEventRecord = StreamRecord & { eventSourceARN: string };

/**
 * The event a stream mapping invokes its function with. The window fields are present only with
 * `tumblingWindowInSeconds` (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-windows.html).
 */
export interface StreamBatchEvent {
  Records: StreamEventRecord[];
  window?: { start: string; end: string };
  state?: Record<string, unknown>;
  shardId?: string;
  eventSourceARN?: string;
  isFinalInvokeForWindow?: boolean;
  isWindowTerminatedEarly?: boolean;
}

export type OnFailureCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';

/**
 * The invocation record sent to an on-failure destination for a DynamoDB stream batch
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html).
 */
export interface OnFailureRecord {
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: OnFailureCondition;
    approximateInvokeCount: number;
  };
  responseContext: {
    statusCode: number;
    executedVersion: string;
    functionError?: string;
  };
  version: '1.0';
  /** ISO-8601 with milliseconds. */
  timestamp: string;
  DDBStreamBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    /** ISO-8601 without milliseconds. */
    approximateArrivalOfFirstRecord: string;
    approximateArrivalOfLastRecord: string;
    batchSize: number;
    streamArn: string;
  };
}

/** The records of one batch, as the on-failure record and the live log name them. */
export interface BatchRange {
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
  size: number;
}

/**
 * What a stream mapping did with a batch that did not succeed (see `StreamMapping.onReport`):
 * - `retrying`: it will be invoked again, not before `retryAt` (epoch ms on the mapping's clock);
 * - `discarded`: its records were given up (retries exhausted or too old) and sent to the
 *   on-failure destination, or dropped when the mapping has none.
 */
export type MappingReport =
  | {
    kind: 'retrying';
    functionKey: string;
    streamArn: string;
    batch: BatchRange;
    /** Invocations of this batch so far (all of which failed in whole or in part). */
    invokeCount: number;
    /** Consecutive failed invocations of the lane; sets the wait (see `retryDelay`). */
    failures: number;
    retryAt: number;
    /** `retryAt` minus the time of the report: how long the lane waits. */
    retryInMs: number;
    /** The batch was split in two (BisectBatchOnFunctionError); each half is retried on its own. */
    bisected: boolean;
    /** Why the invocation failed: the function's error message, or what was wrong with its response. */
    reason: string;
  }
  | {
    kind: 'discarded';
    functionKey: string;
    streamArn: string;
    batch: BatchRange;
    invokeCount: number;
    condition: OnFailureCondition;
    /** Where the on-failure record went; undefined when the mapping has no on-failure destination. */
    destinationArn: string | undefined;
    /** The last invocation's failure, when there was one. */
    reason: string | undefined;
  };
