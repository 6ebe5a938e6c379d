import type { OnFailureRecord } from '../mappings/types';
import type { TableChange } from './tableChanges';

/** One invocation made during a replay. */
export interface ReplayInvocation {
  requestId: string;
  /** `batch` for a batch's first invocation; `retry` when it re-delivers records (retry, partial-failure retry, bisected half). */
  kind: 'batch' | 'retry';
  records: number;
  firstSequenceNumber: string;
  lastSequenceNumber: string;
  outcome: 'success' | 'error' | 'timeout';
  /** Lambda's error type when the invocation failed. */
  errorType?: string;
  errorMessage?: string;
  /** `batchItemFailures[].itemIdentifier` of the response, when it has any. */
  batchItemFailures?: string[];
  durationMs: number;
}

/** What a replay did: the summary the CLI prints, and (with `invocations`) the `--report` file. */
export interface ReplayReport {
  function: string;
  /** The mapping's stream (the one in serverless.yml, resolved locally). */
  streamArn: string;
  files: string[];
  recordsRead: number;
  /** Records no filter pattern matched: dropped, never invoked, never sent to a destination. */
  filteredOut: number;
  batches: number;
  invocations: number;
  retries: number;
  /** Records in on-failure records (retries exhausted or too old). */
  sentToDestination: number;
  /** Records that failed (retries exhausted or too old) with no destination configured: discarded, as AWS does. */
  discarded: number;
  /** The on-failure destination's ARN; absent when the mapping has none (failed batches are then discarded). */
  destination?: string;
  /** `done`, or `max-invocations` when the handler kept failing and the replay stopped. */
  stopped: 'done' | 'max-invocations';
  /** Items inserted/modified/removed by the handler, per table (before/after comparison). */
  tableChanges: Record<string, TableChange>;
  invocationDetails: ReplayInvocation[];
  /** The on-failure records, as sent (or as they would have been sent when there is no destination). */
  onFailureRecords: OnFailureRecord[];
}
