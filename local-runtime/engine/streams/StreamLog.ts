import { randomBytes } from 'node:crypto';
import { cloneJson } from '../values/AttributeValue';
import { getAttribute } from '../values/attributeAccess';
import { partitionSlot } from './partitionSlot';
import { formatSequenceNumber, parseSequenceNumber } from './sequenceNumbers';
import { StreamShard, type PendingRecord } from './StreamShard';
import { streamErrors } from './streamErrors';
import type { Clock } from '../../clock/Clock';
import type { WireItem } from '../values/AttributeValue';
import type { ShardInfo, StreamRecord, StreamSource, StreamViewType } from './types';
import type { StreamLogState } from './streamLogState';

/** A change to record: what a successful write did to one item. */
export interface ItemChange {
  keys: WireItem;
  oldImage: WireItem | undefined;
  newImage: WireItem | undefined;
  /** Set on TTL deletions. */
  userIdentity?: { type: string; principalId: string };
}

/** How streams split into shards. */
export interface StreamLogOptions {
  /** Open shards per stream; items go to one by a hash of their partition key (default 4). */
  shardCount?: number;
  /** A shard closes (and a child opens) after this many records (default 10 000). */
  maxRecordsPerShard?: number;
  /** A shard closes (and a child opens) this long after it opened (default 4 hours, as AWS shards roughly do). */
  shardLifetimeMs?: number;
}

/** A stream's description, as DescribeStream needs it. */
export interface StreamDetails {
  arn: string;
  label: string;
  tableName: string;
  status: 'ENABLED' | 'DISABLED';
  viewType: StreamViewType;
  createdAtMs: number;
  keySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
}

interface Stream extends StreamDetails {
  region: string;
  hashKey: string | undefined;
  disabledAtMs: number | undefined;
  /** The open shard of each slot. */
  slots: StreamShard[];
  /** Every shard still kept, oldest first. */
  shards: StreamShard[];
}

/** Streams keep records for 24 hours; a disabled stream stays readable as long (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html). */
export const RETENTION_MS = 24 * 60 * 60 * 1000;

const IMAGES: Record<StreamViewType, { newImage: boolean; oldImage: boolean }> = {
  KEYS_ONLY: { newImage: false, oldImage: false },
  NEW_IMAGE: { newImage: true, oldImage: false },
  OLD_IMAGE: { newImage: false, oldImage: true },
  NEW_AND_OLD_IMAGES: { newImage: true, oldImage: true },
};

/** Stream label as DynamoDB formats it: the creation time in ISO 8601 without the zone, e.g. `2026-11-22T03:40:00.000`. */
export function streamLabel(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 23);
}

function tableNameOfStreamArn(arn: string): string {
  return /:table\/([^/]+)\/stream\//.exec(arn)?.[1] ?? '';
}

/**
 * Change data capture for all tables: per stream several shards (an item's records all go to the shard its
 * partition key hashes to, in order), rolled over into child shards with `parentShardId` lineage, trimmed after
 * 24 hours. Implements the {@link StreamSource} contract and backs the DynamoDB Streams API.
 */
export class StreamLog implements StreamSource {
  readonly #streams = new Map<string, Stream>();
  readonly #listeners = new Set<(streamArn: string) => void>();
  readonly #shardCount: number;
  readonly #maxRecords: number;
  readonly #lifetimeMs: number;
  #eventIdPrefix = randomBytes(8).toString('hex');
  #nextEventId = 0;
  /** One counter for all streams: sequence numbers increase within every shard. */
  #nextN = 1;

  constructor(
    readonly clock: Clock,
    options: StreamLogOptions = {},
  ) {
    this.#shardCount = Math.max(1, Math.floor(options.shardCount ?? 4));
    this.#maxRecords = Math.max(1, Math.floor(options.maxRecordsPerShard ?? 10_000));
    this.#lifetimeMs = options.shardLifetimeMs ?? 4 * 60 * 60 * 1000;
  }

  /** Open a stream for a table (CreateTable/UpdateTable enabling StreamSpecification). */
  createStream(
    arn: string,
    region: string,
    viewType: StreamViewType,
    details: { keySchema?: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[] } = {},
  ): void {
    const now = this.clock.now();
    const keySchema = details.keySchema ?? [];
    const stream: Stream = {
      arn,
      label: arn.slice(arn.lastIndexOf('/') + 1),
      tableName: tableNameOfStreamArn(arn),
      status: 'ENABLED',
      viewType,
      createdAtMs: now,
      keySchema,
      region,
      hashKey: keySchema.find((k) => k.KeyType === 'HASH')?.AttributeName,
      disabledAtMs: undefined,
      slots: [],
      shards: [],
    };
    for (let slot = 0; slot < this.#shardCount; slot++) stream.slots.push(this.#openShard(stream, undefined, now));
    this.#streams.set(arn, stream);
  }

  /** Disable a stream (UpdateTable StreamEnabled false, DeleteTable): shards close; it stays readable for 24 hours. */
  disableStream(arn: string): void {
    const stream = this.#streams.get(arn);
    if (!stream || stream.status === 'DISABLED') return;
    const now = this.clock.now();
    stream.status = 'DISABLED';
    stream.disabledAtMs = now;
    for (const shard of stream.slots) shard.close(now);
  }

  /** Append the record for one change; a change that alters nothing must not be passed here. */
  append(arn: string, change: ItemChange): void {
    const stream = this.#stream(arn);
    const now = this.clock.now();
    const slot = partitionSlot(stream.hashKey === undefined ? undefined : getAttribute(change.keys, stream.hashKey), stream.slots.length);
    let shard = stream.slots[slot] as StreamShard;
    if (shard.appended >= this.#maxRecords || now - shard.createdAtMs >= this.#lifetimeMs) shard = this.#rollOver(stream, slot, now);
    const images = IMAGES[stream.viewType];
    shard.trim(now - RETENTION_MS);
    shard.append({
      n: this.#nextN++,
      atMs: now,
      eventName: change.oldImage === undefined ? 'INSERT' : change.newImage === undefined ? 'REMOVE' : 'MODIFY',
      eventNumber: this.#nextEventId++,
      keys: change.keys,
      newImage: images.newImage ? change.newImage : undefined,
      oldImage: images.oldImage ? change.oldImage : undefined,
      userIdentity: change.userIdentity,
    });
    for (const listener of this.#listeners) listener(arn);
  }

  shards(streamArn: string): ShardInfo[] {
    return this.#maintained(streamArn).shards.map((s) => s.info());
  }

  readAfter(streamArn: string, shardId: string, afterSequenceNumber: string | undefined, limit: number): StreamRecord[] {
    const shard = this.shard(streamArn, shardId);
    const after = afterSequenceNumber === undefined ? -1 : (parseSequenceNumber(afterSequenceNumber) ?? -1);
    return shard.readAfter(after, Math.max(0, limit)).map((r) => cloneJson(r));
  }

  latestSequenceNumber(streamArn: string, shardId: string): string | undefined {
    const n = this.shard(streamArn, shardId).lastN;
    return n === undefined ? undefined : formatSequenceNumber(n);
  }

  onAppend(listener: (streamArn: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Whether a stream with this ARN is still readable. */
  has(streamArn: string): boolean {
    return this.#streams.has(streamArn) && this.#expire(streamArn) !== undefined;
  }

  /** Every readable stream, oldest first. */
  list(): StreamDetails[] {
    return [...this.#streams.keys()].flatMap((arn) => {
      const stream = this.#expire(arn);
      return stream ? [this.#details(stream)] : [];
    });
  }

  /** A stream's description (ResourceNotFoundException when unknown or past its 24 hours after disabling). */
  describe(streamArn: string): StreamDetails & { shards: ShardInfo[] } {
    const stream = this.#maintained(streamArn);
    return { ...this.#details(stream), shards: stream.shards.map((s) => s.info()) };
  }

  /** The shard itself, trimmed to the retention period (for the Streams API's iterators). */
  shard(streamArn: string, shardId: string): StreamShard {
    const stream = this.#maintained(streamArn);
    const shard = stream.shards.find((s) => s.shardId === shardId);
    if (!shard) throw streamErrors.shardNotFound(streamArn, shardId);
    return shard;
  }

  /** The counter the next record of any stream will get minus one: where a LATEST iterator of an empty shard sits. */
  get lastCounter(): number {
    return this.#nextN - 1;
  }

  /** Every stream's state, with only the records after counter `afterN` (all of them by default): for a data directory. */
  exportState(afterN = 0): StreamLogState {
    const streams = [...this.#streams.values()].map(({ hashKey: _, slots, shards, ...stream }) => ({
      ...stream,
      slots: slots.map((s) => s.shardId),
      shards: shards.map((shard) => shard.exportState(afterN)),
    }));
    return { eventIdPrefix: this.#eventIdPrefix, nextN: this.#nextN, nextEventId: this.#nextEventId, streams };
  }

  /** Merges a state {@link StreamLog.exportState} gave: streams and shards are updated or added, newer records appended. */
  importState(state: StreamLogState): void {
    this.#eventIdPrefix = state.eventIdPrefix;
    this.#nextN = Math.max(this.#nextN, state.nextN);
    this.#nextEventId = Math.max(this.#nextEventId, state.nextEventId);
    for (const { slots, shards, ...details } of state.streams) {
      let stream = this.#streams.get(details.arn);
      if (!stream) {
        stream = { ...details, disabledAtMs: details.disabledAtMs, hashKey: details.keySchema.find((k) => k.KeyType === 'HASH')?.AttributeName, slots: [], shards: [] };
        this.#streams.set(details.arn, stream);
      } else Object.assign(stream, details, { disabledAtMs: details.disabledAtMs });
      const known = stream;
      for (const shardState of shards) {
        let shard = known.shards.find((s) => s.shardId === shardState.shardId);
        if (!shard) {
          shard = new StreamShard(shardState.shardId, shardState.parentShardId, shardState.createdAtMs, shardState.startN, (pending) => this.#materialize(known, pending));
          known.shards.push(shard);
        }
        shard.importState(shardState);
      }
      known.shards = known.shards.filter((s) => shards.some((k) => k.shardId === s.shardId));
      known.slots = slots.map((id) => known.shards.find((s) => s.shardId === id)).filter((s): s is StreamShard => s !== undefined);
    }
  }

  #details(stream: Stream): StreamDetails {
    const { arn, label, tableName, status, viewType, createdAtMs, keySchema } = stream;
    return { arn, label, tableName, status, viewType, createdAtMs, keySchema };
  }

  #openShard(stream: Stream, parent: StreamShard | undefined, now: number): StreamShard {
    const shardId = `shardId-${String(now).padStart(20, '0')}-${randomBytes(4).toString('hex')}`;
    const shard = new StreamShard(shardId, parent?.shardId, now, this.#nextN, (pending) => this.#materialize(stream, pending));
    stream.shards.push(shard);
    return shard;
  }

  /** The record of an appended change, as DynamoDB Streams delivers it (SizeBytes is filled in by the shard). */
  #materialize(stream: Stream, pending: PendingRecord): StreamRecord {
    const dynamodb: StreamRecord['dynamodb'] = {
      ApproximateCreationDateTime: Math.floor(pending.atMs / 1000),
      Keys: pending.keys,
      SequenceNumber: formatSequenceNumber(pending.n),
      SizeBytes: -1,
      StreamViewType: stream.viewType,
    };
    if (pending.newImage) dynamodb.NewImage = pending.newImage;
    if (pending.oldImage) dynamodb.OldImage = pending.oldImage;
    const record: StreamRecord = {
      eventID: this.#eventIdPrefix + pending.eventNumber.toString(16).padStart(16, '0'),
      eventName: pending.eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: stream.region,
      dynamodb,
    };
    if (pending.userIdentity) record.userIdentity = { ...pending.userIdentity };
    return record;
  }

  #rollOver(stream: Stream, slot: number, now: number): StreamShard {
    const parent = stream.slots[slot] as StreamShard;
    parent.close(now);
    const child = this.#openShard(stream, parent, now);
    stream.slots[slot] = child;
    return child;
  }

  /** The stream, with due rollovers done and records and shards past retention dropped. */
  #maintained(arn: string): Stream {
    const stream = this.#expire(arn);
    if (!stream) throw streamErrors.streamNotFound(arn);
    const now = this.clock.now();
    if (stream.status === 'ENABLED') {
      for (let slot = 0; slot < stream.slots.length; slot++) {
        if (now - (stream.slots[slot] as StreamShard).createdAtMs >= this.#lifetimeMs) this.#rollOver(stream, slot, now);
      }
    }
    const horizon = now - RETENTION_MS;
    for (const shard of stream.shards) shard.trim(horizon);
    stream.shards = stream.shards.filter((s) => !(s.closed && s.isEmpty && (s.closedAtMs as number) < horizon));
    return stream;
  }

  /** The stream, or undefined after dropping it when it was disabled more than 24 hours ago. */
  #expire(arn: string): Stream | undefined {
    const stream = this.#streams.get(arn);
    if (stream?.disabledAtMs !== undefined && this.clock.now() - stream.disabledAtMs >= RETENTION_MS) {
      this.#streams.delete(arn);
      return undefined;
    }
    return stream;
  }

  #stream(arn: string): Stream {
    const stream = this.#streams.get(arn);
    if (!stream) throw streamErrors.streamNotFound(arn);
    return stream;
  }
}
