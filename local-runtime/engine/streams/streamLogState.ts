import type { PendingRecord } from './StreamShard';
import type { StreamDetails } from './StreamLog';
import type { StreamViewType } from './types';

/** One shard as a durable data directory keeps it. */
export interface ShardState {
  shardId: string;
  parentShardId?: string | undefined;
  createdAtMs: number;
  startN: number;
  endN?: number | undefined;
  closedAtMs?: number | undefined;
  appended: number;
  trimmedThrough: number;
  /** Its records (all of them, or those after a counter: see `StreamLog.exportState`). */
  entries: PendingRecord[];
}

/** One stream: its description, its shards and which shard each slot writes to. */
export interface StreamState extends StreamDetails {
  region: string;
  disabledAtMs?: number | undefined;
  slots: string[];
  shards: ShardState[];
}

/**
 * Everything a stream log holds, so that after a restart a Streams client resumes from its sequence number under
 * the same stream ARN, shard ids and event ids.
 */
export interface StreamLogState {
  eventIdPrefix: string;
  nextN: number;
  nextEventId: number;
  streams: StreamState[];
}
