import { randomUUID } from 'node:crypto';
import type { StreamRecord } from '../engine/streams/types';
import type { InvocationRecord } from '../lambda/types';
import type { OnFailureCondition, OnFailureRecord } from './types';

const isoSeconds = (epochSeconds: number): string => new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Builds the on-failure destination record for a DynamoDB stream batch: metadata only
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html).
 */
export function buildOnFailureRecord(options: {
  records: StreamRecord[];
  condition: OnFailureCondition;
  approximateInvokeCount: number;
  lastInvocation: InvocationRecord | undefined;
  functionArn: string;
  shardId: string;
  streamArn: string;
  nowMs: number;
}): OnFailureRecord {
  const { records, lastInvocation } = options;
  const first = records[0];
  const last = records[records.length - 1];
  if (first === undefined || last === undefined) throw new RangeError('buildOnFailureRecord: empty batch');
  const functionError = lastInvocation === undefined || lastInvocation.outcome === 'success' ? undefined : 'Unhandled';
  return {
    requestContext: {
      requestId: lastInvocation?.requestId ?? randomUUID(),
      functionArn: options.functionArn,
      condition: options.condition,
      approximateInvokeCount: options.approximateInvokeCount,
    },
    responseContext: {
      statusCode: 200,
      executedVersion: '$LATEST',
      ...(functionError === undefined ? {} : { functionError }),
    },
    version: '1.0',
    timestamp: new Date(options.nowMs).toISOString(),
    DDBStreamBatchInfo: {
      shardId: options.shardId,
      startSequenceNumber: first.dynamodb.SequenceNumber,
      endSequenceNumber: last.dynamodb.SequenceNumber,
      approximateArrivalOfFirstRecord: isoSeconds(first.dynamodb.ApproximateCreationDateTime),
      approximateArrivalOfLastRecord: isoSeconds(last.dynamodb.ApproximateCreationDateTime),
      batchSize: records.length,
      streamArn: options.streamArn,
    },
  };
}
