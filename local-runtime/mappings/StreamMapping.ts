import type { Clock } from '../clock/Clock';
import type { StreamRecord, StreamSource } from '../engine/streams/types';
import type { InvocationRecord } from '../lambda/types';
import type { StreamEventModel } from '../service/ServiceModel';
import { buildOnFailureRecord } from './buildOnFailureRecord';
import { compileFilter } from './filter/compileFilter';
import { interpretResponse } from './interpretResponse';
import { readBatch } from './readBatch';
import { resolveStreamOptions, type ResolvedStreamOptions } from './resolveStreamOptions';
import type { OnFailureCondition, OnFailureRecord, StreamBatchEvent } from './types';

export interface StreamMappingOptions {
  functionKey: string;
  streamArn: string;
  source: StreamSource;
  /** The function's `stream` event, intrinsics already resolved. */
  options: StreamEventModel;
  invoke: (event: StreamBatchEvent) => Promise<InvocationRecord>;
  clock: Clock;
  onFailure?: (record: OnFailureRecord) => Promise<void>;
  /** ARN used in on-failure records; default built from the stream ARN's region/account and the invoked function's name. */
  functionArn?: string;
}

/** A batch being worked on: pinned records, retried until success, exhaustion or age-out. */
interface PendingBatch {
  records: StreamRecord[];
  /** Checkpoint once the batch is done (may be past its last record when filtered records followed). */
  advanceTo: string | undefined;
  invokeCount: number;
  retries: number;
  lastInvocation?: InvocationRecord;
}

interface ShardState {
  checkpoint: string | undefined;
  queue: PendingBatch[];
  inFlight: boolean;
}

/**
 * Emulates a Lambda event source mapping on a DynamoDB stream
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html), as a pipeline of named steps per
 * shard: read → filter → batch → invoke → checkpoint, one batch in flight per shard.
 * Driven by `poll()`; nothing runs on its own.
 */
export class StreamMapping {
  readonly functionKey: string;
  readonly streamArn: string;
  readonly settings: ResolvedStreamOptions;
  readonly #deps: StreamMappingOptions;
  readonly #matches: (record: StreamRecord) => boolean;
  readonly #shards = new Map<string, ShardState>();
  /** LATEST: shard positions when the mapping was created. */
  readonly #initialPositions = new Map<string, string | undefined>();

  /** @throws MappingError for invalid or not-yet-supported options; FilterError for invalid filter patterns. */
  constructor(options: StreamMappingOptions) {
    this.functionKey = options.functionKey;
    this.streamArn = options.streamArn;
    this.settings = resolveStreamOptions(options.options, options.functionKey);
    this.#deps = options;
    this.#matches = compileFilter(this.settings.filterPatterns);
    if (this.settings.startingPosition === 'LATEST') {
      for (const shard of options.source.shards(options.streamArn)) {
        this.#initialPositions.set(shard.shardId, options.source.latestSequenceNumber(options.streamArn, shard.shardId));
      }
    }
  }

  /**
   * Processes at most one batch per shard. Returns true if it did any work (invoked, dropped
   * filtered records, or reported a failure). `flush` ignores the batching window (drain mode).
   */
  async poll(options: { flush?: boolean } = {}): Promise<boolean> {
    if (!this.settings.enabled) return false;
    const shards = this.#deps.source.shards(this.streamArn);
    const worked = await Promise.all(shards.map((shard) => this.#pollShard(shard.shardId, options.flush === true)));
    return worked.some(Boolean);
  }

  /** True while any shard has records not yet checkpointed (including records the filter will drop). */
  pending(): boolean {
    if (!this.settings.enabled) return false;
    return this.#deps.source.shards(this.streamArn).some(({ shardId }) => {
      const state = this.#state(shardId);
      return state.inFlight || state.queue.length > 0
        || this.#deps.source.readAfter(this.streamArn, shardId, state.checkpoint, 1).length > 0;
    });
  }

  #state(shardId: string): ShardState {
    let state = this.#shards.get(shardId);
    if (state === undefined) {
      state = { checkpoint: this.#initialPositions.get(shardId), queue: [], inFlight: false };
      this.#shards.set(shardId, state);
    }
    return state;
  }

  async #pollShard(shardId: string, flush: boolean): Promise<boolean> {
    const state = this.#state(shardId);
    if (state.inFlight) return false;
    state.inFlight = true;
    try {
      let batch = state.queue[0];
      if (batch === undefined) {
        const read = await this.#readStep(state, shardId, flush);
        if (read.batch === undefined) return read.worked;
        batch = read.batch;
      }
      if (await this.#ageStep(state, shardId, batch)) return true;
      await this.#invokeStep(state, shardId, batch);
      return true;
    } finally {
      state.inFlight = false;
    }
  }

  /** Read → filter → batch. Returns a new pending batch, or none if there is nothing to invoke yet. */
  async #readStep(state: ShardState, shardId: string, flush: boolean): Promise<{ batch?: PendingBatch; worked: boolean }> {
    const read = readBatch({
      source: this.#deps.source,
      streamArn: this.streamArn,
      shardId,
      after: state.checkpoint,
      batchSize: this.settings.batchSize,
      matches: this.#matches,
      isAged: (record) => this.#isAged(record),
    });
    if (read.aged.length > 0) {
      await this.#reportFailure(shardId, { records: read.aged, advanceTo: read.advanceTo, invokeCount: 0, retries: 0 }, 'RecordAgeExceeded');
      state.checkpoint = read.advanceTo;
      return { worked: true };
    }
    const oldest = read.records[0];
    if (oldest === undefined) {
      if (read.advanceTo === undefined) return { worked: false };
      state.checkpoint = read.advanceTo; // only filtered-out records: dropped, no retry, no destination
      return { worked: true };
    }
    if (!flush && read.records.length < this.settings.batchSize && !this.#windowElapsed(oldest)) return { worked: false };
    const batch: PendingBatch = { records: read.records, advanceTo: read.advanceTo, invokeCount: 0, retries: 0 };
    state.queue.push(batch);
    return { batch, worked: true };
  }

  /** Before a (re)try: records past maximumRecordAgeInSeconds go to on-failure instead. True if the whole batch aged out. */
  async #ageStep(state: ShardState, shardId: string, batch: PendingBatch): Promise<boolean> {
    const agedCount = batch.records.findIndex((record) => !this.#isAged(record));
    const count = agedCount === -1 ? batch.records.length : agedCount;
    if (count === 0) return false;
    const aged = batch.records.slice(0, count);
    await this.#reportFailure(shardId, { ...batch, records: aged }, 'RecordAgeExceeded');
    if (count === batch.records.length) {
      state.queue.shift();
      state.checkpoint = batch.advanceTo;
      return true;
    }
    batch.records = batch.records.slice(count);
    state.checkpoint = aged[aged.length - 1]?.dynamodb.SequenceNumber;
    return false;
  }

  /** Invoke → checkpoint, or retry / bisect / report. */
  async #invokeStep(state: ShardState, shardId: string, batch: PendingBatch): Promise<void> {
    const event: StreamBatchEvent = { Records: batch.records.map((record) => ({ ...record, eventSourceARN: this.streamArn })) };
    const invocation = await this.#deps.invoke(event);
    batch.invokeCount += 1;
    batch.lastInvocation = invocation;
    const verdict = interpretResponse(invocation, batch.records, this.settings.reportBatchItemFailures);
    if (verdict.kind === 'success') {
      state.queue.shift();
      state.checkpoint = batch.advanceTo;
      return;
    }
    if (verdict.kind === 'partial') {
      // Checkpoint just before the lowest failed record; retry from there (no bisect: AWS splits at the returned number).
      if (verdict.index > 0) state.checkpoint = batch.records[verdict.index - 1]?.dynamodb.SequenceNumber;
      batch.records = batch.records.slice(verdict.index);
    } else if (this.settings.bisectBatchOnFunctionError && batch.records.length > 1) {
      const middle = Math.ceil(batch.records.length / 2);
      const firstHalf = batch.records.slice(0, middle);
      const halves: PendingBatch[] = [
        { ...batch, records: firstHalf, advanceTo: firstHalf[firstHalf.length - 1]?.dynamodb.SequenceNumber },
        { ...batch, records: batch.records.slice(middle) },
      ];
      state.queue.splice(0, 1, ...halves);
      return;
    }
    await this.#retryOrGiveUp(state, shardId, batch);
  }

  async #retryOrGiveUp(state: ShardState, shardId: string, batch: PendingBatch): Promise<void> {
    const max = this.settings.maximumRetryAttempts;
    if (max === -1 || batch.retries < max) {
      batch.retries += 1;
      return;
    }
    await this.#reportFailure(shardId, batch, 'RetryAttemptsExhausted');
    state.queue.shift();
    state.checkpoint = batch.advanceTo;
  }

  async #reportFailure(shardId: string, batch: PendingBatch, condition: OnFailureCondition): Promise<void> {
    if (this.#deps.onFailure === undefined || batch.records.length === 0) return;
    await this.#deps.onFailure(buildOnFailureRecord({
      records: batch.records,
      condition,
      approximateInvokeCount: batch.invokeCount,
      lastInvocation: batch.lastInvocation,
      functionArn: this.#functionArn(batch.lastInvocation),
      shardId,
      streamArn: this.streamArn,
      nowMs: this.#deps.clock.now(),
    }));
  }

  #functionArn(invocation: InvocationRecord | undefined): string {
    if (this.#deps.functionArn !== undefined) return this.#deps.functionArn;
    const [, , , region = '', account = ''] = this.streamArn.split(':');
    return `arn:aws:lambda:${region}:${account}:function:${invocation?.functionName ?? this.functionKey}`;
  }

  #isAged(record: StreamRecord): boolean {
    const maxAge = this.settings.maximumRecordAgeInSeconds;
    return maxAge !== -1 && this.#deps.clock.now() - record.dynamodb.ApproximateCreationDateTime * 1000 > maxAge * 1000;
  }

  #windowElapsed(oldest: StreamRecord): boolean {
    return this.#deps.clock.now() >= oldest.dynamodb.ApproximateCreationDateTime * 1000 + this.settings.batchWindowSeconds * 1000;
  }
}
