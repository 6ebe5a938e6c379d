import { randomBytes } from 'node:crypto';
import { resourceNotFound } from '../errors';
import { itemSize } from '../values/itemSize';
import type { Clock } from '../../clock/Clock';
import type { WireItem } from '../values/AttributeValue';
import type { ShardInfo, StreamRecord, StreamSource, StreamViewType } from './types';

/** A change to record: what a successful write did to one item. */
export interface ItemChange {
  keys: WireItem;
  oldImage: WireItem | undefined;
  newImage: WireItem | undefined;
  /** Set on TTL deletions. */
  userIdentity?: { type: string; principalId: string };
}

interface Shard {
  info: ShardInfo;
  records: StreamRecord[];
  nextSequence: bigint;
}

interface Stream {
  arn: string;
  region: string;
  viewType: StreamViewType;
  shards: Shard[];
}

/** Streams keep records for 24 hours (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html). */
const RETENTION_MS = 24 * 60 * 60 * 1000;
/** First sequence number of a shard: 21 digits, like DynamoDB's. */
const FIRST_SEQUENCE = 10n ** 20n;

const IMAGES: Record<StreamViewType, { keys: true; newImage: boolean; oldImage: boolean }> = {
  KEYS_ONLY: { keys: true, newImage: false, oldImage: false },
  NEW_IMAGE: { keys: true, newImage: true, oldImage: false },
  OLD_IMAGE: { keys: true, newImage: false, oldImage: true },
  NEW_AND_OLD_IMAGES: { keys: true, newImage: true, oldImage: true },
};

/** Stream label as DynamoDB formats it: the creation time in ISO 8601 without the zone, e.g. `2026-11-22T03:40:00.000`. */
export function streamLabel(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 23);
}

/**
 * Change data capture for all tables: one append-only log per stream, split in shards (one per stream for now;
 * the `shardFor` seam is where partition-key sharding goes). Implements the {@link StreamSource} contract.
 */
export class StreamLog implements StreamSource {
  readonly #streams = new Map<string, Stream>();
  readonly #listeners = new Set<(streamArn: string) => void>();

  constructor(readonly clock: Clock) {}

  /** Open a stream for a table (CreateTable with StreamEnabled). */
  createStream(arn: string, region: string, viewType: StreamViewType): void {
    const shardId = `shardId-${String(this.clock.now()).padStart(20, '0')}-${randomBytes(4).toString('hex')}`;
    this.#streams.set(arn, { arn, region, viewType, shards: [{ info: { shardId }, records: [], nextSequence: FIRST_SEQUENCE }] });
  }

  /** Append the record for one change; a change that alters nothing must not be passed here. */
  append(arn: string, change: ItemChange): StreamRecord {
    const stream = this.#stream(arn);
    const shard = this.#shardFor(stream, change.keys);
    const images = IMAGES[stream.viewType];
    const eventName = change.oldImage === undefined ? 'INSERT' : change.newImage === undefined ? 'REMOVE' : 'MODIFY';
    const dynamodb: StreamRecord['dynamodb'] = {
      ApproximateCreationDateTime: Math.floor(this.clock.now() / 1000),
      Keys: structuredClone(change.keys),
      SequenceNumber: String(shard.nextSequence),
      SizeBytes: 0,
      StreamViewType: stream.viewType,
    };
    if (images.newImage && change.newImage) dynamodb.NewImage = structuredClone(change.newImage);
    if (images.oldImage && change.oldImage) dynamodb.OldImage = structuredClone(change.oldImage);
    dynamodb.SizeBytes = itemSize(dynamodb.Keys) + (dynamodb.NewImage ? itemSize(dynamodb.NewImage) : 0) + (dynamodb.OldImage ? itemSize(dynamodb.OldImage) : 0);
    const record: StreamRecord = {
      eventID: randomBytes(16).toString('hex'),
      eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: stream.region,
      dynamodb,
    };
    if (change.userIdentity) record.userIdentity = { ...change.userIdentity };
    shard.nextSequence += 1n;
    shard.records.push(record);
    this.#trim(shard);
    for (const listener of [...this.#listeners]) listener(arn);
    return record;
  }

  shards(streamArn: string): ShardInfo[] {
    return this.#stream(streamArn).shards.map((s) => ({ ...s.info }));
  }

  readAfter(streamArn: string, shardId: string, afterSequenceNumber: string | undefined, limit: number): StreamRecord[] {
    const shard = this.#shard(streamArn, shardId);
    this.#trim(shard);
    const after = afterSequenceNumber === undefined ? -1n : BigInt(afterSequenceNumber);
    let lo = 0;
    let hi = shard.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (BigInt((shard.records[mid] as StreamRecord).dynamodb.SequenceNumber) <= after) lo = mid + 1;
      else hi = mid;
    }
    return shard.records.slice(lo, lo + Math.max(0, limit)).map((r) => structuredClone(r));
  }

  latestSequenceNumber(streamArn: string, shardId: string): string | undefined {
    const shard = this.#shard(streamArn, shardId);
    return shard.records[shard.records.length - 1]?.dynamodb.SequenceNumber;
  }

  onAppend(listener: (streamArn: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Whether a stream with this ARN exists. */
  has(streamArn: string): boolean {
    return this.#streams.has(streamArn);
  }

  #shardFor(stream: Stream, _keys: WireItem): Shard {
    return stream.shards[stream.shards.length - 1] as Shard;
  }

  #trim(shard: Shard): void {
    const horizon = (this.clock.now() - RETENTION_MS) / 1000;
    let drop = 0;
    while (drop < shard.records.length && (shard.records[drop] as StreamRecord).dynamodb.ApproximateCreationDateTime < horizon) drop += 1;
    if (drop > 0) shard.records.splice(0, drop);
  }

  #stream(arn: string): Stream {
    const stream = this.#streams.get(arn);
    if (!stream) throw resourceNotFound(`Requested resource not found: Stream: ${arn} not found`);
    return stream;
  }

  #shard(arn: string, shardId: string): Shard {
    const shard = this.#stream(arn).shards.find((s) => s.info.shardId === shardId);
    if (!shard) throw resourceNotFound(`Requested resource not found: Shard: ${shardId} in Stream: ${arn} not found`);
    return shard;
  }
}
