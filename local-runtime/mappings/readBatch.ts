import type { StreamRecord, StreamSource } from '../engine/streams/types';

/** Lambda's invocation payload limit: a batch closes before 6 MB. */
export const MAX_BATCH_PAYLOAD_BYTES = 6 * 1024 * 1024;

/** Why a read stopped: the batch is full (`size`, `bytes`), the next record is in another tumbling window, or the shard has nothing more. */
export type ReadStop = 'size' | 'bytes' | 'window' | 'end';

export interface ReadResult {
  /** Records to invoke with (matched the filter, not too old). */
  records: StreamRecord[];
  /** Records older than maximumRecordAgeInSeconds, to report instead of invoking. */
  aged: StreamRecord[];
  /** Sequence number of the last record examined (dropped ones included): the checkpoint once this read is done. */
  advanceTo: string | undefined;
  stop: ReadStop;
}

/**
 * Read + filter step: reads a shard after `after`, skips records of other lanes and records the
 * filter rejects, and collects up to `limit` records (or 6 MB, or up to a tumbling-window
 * boundary). Records past the age limit are returned in `aged` on their own (a read returns
 * either aged records or a batch, never both).
 */
export function readBatch(options: {
  source: StreamSource;
  streamArn: string;
  shardId: string;
  after: string | undefined;
  limit: number;
  matches: (record: StreamRecord) => boolean;
  isAged: (record: StreamRecord) => boolean;
  /** False for records of another lane (parallelization); all records belong when omitted. */
  belongs?: (record: StreamRecord) => boolean;
  /** Tumbling window start of a record; a batch never spans two windows. */
  windowOf?: (record: StreamRecord) => number;
}): ReadResult {
  const { source, streamArn, shardId, limit, matches, isAged, belongs, windowOf } = options;
  const chunkSize = Math.max(limit, 100);
  const records: StreamRecord[] = [];
  const aged: StreamRecord[] = [];
  let advanceTo: string | undefined;
  let bytes = 0;
  let window: number | undefined;
  const result = (stop: ReadStop): ReadResult => ({ records, aged, advanceTo, stop });
  for (;;) {
    const chunk = source.readAfter(streamArn, shardId, advanceTo ?? options.after, chunkSize);
    for (const record of chunk) {
      if ((belongs !== undefined && !belongs(record)) || !matches(record)) {
        advanceTo = record.dynamodb.SequenceNumber;
        continue;
      }
      if (isAged(record)) {
        if (records.length > 0) return result('size');
        aged.push(record);
      } else {
        if (aged.length > 0) return result('size');
        if (windowOf !== undefined) {
          const start = windowOf(record);
          if (window !== undefined && start !== window) return result('window');
          window = start;
        }
        const size = Buffer.byteLength(JSON.stringify(record)) + 64;
        if (records.length > 0 && bytes + size > MAX_BATCH_PAYLOAD_BYTES) return result('bytes');
        bytes += size;
        records.push(record);
      }
      advanceTo = record.dynamodb.SequenceNumber;
      if (records.length + aged.length >= limit) return result('size');
    }
    if (chunk.length < chunkSize) return result('end');
  }
}
