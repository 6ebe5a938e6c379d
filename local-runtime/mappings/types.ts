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
