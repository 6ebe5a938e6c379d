import type { StreamRecord, StreamSource } from '../engine/streams/types';

/** Lambda's invocation payload limit: a batch closes before 6 MB. */
export const MAX_BATCH_PAYLOAD_BYTES = 6 * 1024 * 1024;

export interface ReadResult {
  /** Records to invoke with (matched the filter, not too old). */
  records: StreamRecord[];
  /** Records older than maximumRecordAgeInSeconds, to report instead of invoking. */
  aged: StreamRecord[];
  /** Sequence number of the last record examined (dropped ones included): the checkpoint once this read is done. */
  advanceTo: string | undefined;
}

/**
 * Read + filter step: reads a shard after `after`, drops records the filter rejects, and
 * collects up to `batchSize` records (or 6 MB). Records past the age limit are returned in
 * `aged` on their own (a read returns either aged records or a batch, never both).
 */
export function readBatch(options: {
  source: StreamSource;
  streamArn: string;
  shardId: string;
  after: string | undefined;
  batchSize: number;
  matches: (record: StreamRecord) => boolean;
  isAged: (record: StreamRecord) => boolean;
}): ReadResult {
  const { source, streamArn, shardId, batchSize, matches, isAged } = options;
  const records: StreamRecord[] = [];
  const aged: StreamRecord[] = [];
  let advanceTo: string | undefined;
  let bytes = 0;
  for (;;) {
    const chunk = source.readAfter(streamArn, shardId, advanceTo ?? options.after, batchSize);
    for (const record of chunk) {
      if (!matches(record)) {
        advanceTo = record.dynamodb.SequenceNumber;
        continue;
      }
      if (isAged(record)) {
        if (records.length > 0) return { records, aged, advanceTo };
        aged.push(record);
      } else {
        if (aged.length > 0) return { records, aged, advanceTo };
        const size = Buffer.byteLength(JSON.stringify(record)) + 64;
        if (records.length > 0 && bytes + size > MAX_BATCH_PAYLOAD_BYTES) return { records, aged, advanceTo };
        bytes += size;
        records.push(record);
      }
      advanceTo = record.dynamodb.SequenceNumber;
      if (records.length + aged.length >= batchSize) return { records, aged, advanceTo };
    }
    if (chunk.length < batchSize) return { records, aged, advanceTo };
  }
}
