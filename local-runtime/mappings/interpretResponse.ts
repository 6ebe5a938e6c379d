import type { StreamRecord } from '../engine/streams/types';
import type { InvocationRecord } from '../lambda/types';

/** How an invocation ended for the batch. */
export type BatchVerdict =
  | { kind: 'success' }
  /** Records from `index` on are to be retried (lowest reported failure). */
  | { kind: 'partial'; index: number }
  | { kind: 'failure'; reason: 'functionError' | 'malformedResponse'; detail: string };

/**
 * Interprets a function's answer for a stream batch
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html):
 * an error or timeout fails the batch; with ReportBatchItemFailures, a null/empty response or
 * list is a success, the lowest reported SequenceNumber is where retries start, and a null or
 * empty identifier, a wrong key or an identifier not in the batch fails the whole batch.
 */
export function interpretResponse(invocation: InvocationRecord, records: StreamRecord[], reportBatchItemFailures: boolean): BatchVerdict {
  if (invocation.outcome !== 'success') {
    return { kind: 'failure', reason: 'functionError', detail: invocation.error?.errorMessage ?? invocation.outcome };
  }
  if (!reportBatchItemFailures) return { kind: 'success' };
  const result = invocation.result;
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return { kind: 'success' };
  const failures = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: 'success' };
  if (!Array.isArray(failures)) return malformed('batchItemFailures is not a list');
  if (failures.length === 0) return { kind: 'success' };
  const positions = new Map(records.map((record, index) => [record.dynamodb.SequenceNumber, index]));
  let lowest = Number.POSITIVE_INFINITY;
  for (const failure of failures) {
    const identifier = typeof failure === 'object' && failure !== null ? (failure as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (typeof identifier !== 'string' || identifier === '') {
      return malformed(`itemIdentifier is missing, null or empty in ${JSON.stringify(failure)}`);
    }
    const index = positions.get(identifier);
    if (index === undefined) return malformed(`itemIdentifier "${identifier}" is not a SequenceNumber of this batch`);
    lowest = Math.min(lowest, index);
  }
  return { kind: 'partial', index: lowest };
}

function malformed(detail: string): BatchVerdict {
  return { kind: 'failure', reason: 'malformedResponse', detail };
}
