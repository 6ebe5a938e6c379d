import type { ShardInfo, StreamRecord, StreamSource, WireItem } from '../../engine/streams/types';

/**
 * A test double for the engine's stream: shards of records appended by hand.
 * Sequence numbers are decimal strings, strictly increasing per shard.
 */
export class InMemoryStreamSource implements StreamSource {
  readonly #shards = new Map<string, StreamRecord[]>();
  readonly #parents = new Map<string, string>();
  readonly #listeners = new Set<(streamArn: string) => void>();
  #sequence = 100000000000000000000n;
  readonly streamArn: string;

  constructor(streamArn = 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2026-01-01T00:00:00.000') {
    this.streamArn = streamArn;
  }

  /** Declares a shard (optionally the child of `parentShardId`) before records are appended to it. */
  addShard(shardId: string, parentShardId?: string): void {
    if (!this.#shards.has(shardId)) this.#shards.set(shardId, []);
    if (parentShardId !== undefined) this.#parents.set(shardId, parentShardId);
  }

  /** Appends an INSERT of `image` (keyed by its `pk`) to `shardId`, created at `createdAtMs`. */
  append(shardId: string, image: WireItem, createdAtMs: number, overrides: Partial<StreamRecord> = {}): StreamRecord {
    this.#sequence += 1n;
    const pk = image.pk ?? { S: 'none' };
    const record: StreamRecord = {
      eventID: `event-${this.#sequence}`,
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-west-1',
      dynamodb: {
        ApproximateCreationDateTime: Math.floor(createdAtMs / 1000),
        Keys: { pk },
        NewImage: image,
        SequenceNumber: this.#sequence.toString(),
        SizeBytes: JSON.stringify(image).length,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      ...overrides,
    };
    const shard = this.#shards.get(shardId) ?? [];
    shard.push(record);
    this.#shards.set(shardId, shard);
    for (const listener of this.#listeners) listener(this.streamArn);
    return record;
  }

  shards(streamArn: string): ShardInfo[] {
    this.#check(streamArn);
    return [...this.#shards.keys()].map((shardId) => {
      const parentShardId = this.#parents.get(shardId);
      return parentShardId === undefined ? { shardId } : { shardId, parentShardId };
    });
  }

  readAfter(streamArn: string, shardId: string, afterSequenceNumber: string | undefined, limit: number): StreamRecord[] {
    this.#check(streamArn);
    const records = this.#shards.get(shardId) ?? [];
    if (afterSequenceNumber === undefined) return records.slice(0, limit);
    const after = BigInt(afterSequenceNumber);
    // Binary search: sequence numbers increase within a shard.
    let low = 0;
    let high = records.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (BigInt(records[mid]!.dynamodb.SequenceNumber) > after) high = mid;
      else low = mid + 1;
    }
    return records.slice(low, low + limit);
  }

  latestSequenceNumber(streamArn: string, shardId: string): string | undefined {
    this.#check(streamArn);
    return this.#shards.get(shardId)?.at(-1)?.dynamodb.SequenceNumber;
  }

  onAppend(listener: (streamArn: string) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  #check(streamArn: string): void {
    if (streamArn !== this.streamArn) throw new Error(`Unknown stream ${streamArn}`);
  }
}
