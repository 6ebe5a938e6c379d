import type { Clock } from '../clock/Clock';
import type { ShardInfo, StreamRecord, StreamSource } from '../engine/streams/types';
import type { InvocationRecord } from '../lambda/types';
import type { StreamEventModel } from '../service/ServiceModel';
import { buildOnFailureRecord } from './buildOnFailureRecord';
import { compileFilter } from './filter/compileFilter';
import { interpretResponse } from './interpretResponse';
import { laneOf } from './laneOf';
import { onFailureArn } from './onFailureArn';
import { readBatch, type ReadResult } from './readBatch';
import { resolveStreamOptions, type ResolvedStreamOptions } from './resolveStreamOptions';
import { retryDelay } from './retryDelay';
import { stateFromResult, stateTooLarge, windowField, windowStartOf, type OpenWindow } from './tumblingWindow';
import type { BatchRange, MappingReport, OnFailureCondition, OnFailureRecord, StreamBatchEvent } from './types';

export interface StreamMappingOptions {
  functionKey: string;
  streamArn: string;
  source: StreamSource;
  /** The function's `stream` event, intrinsics already resolved. */
  options: StreamEventModel;
  /** `info.attempt` is 1 for a batch's first invocation, 2+ for its retries. */
  invoke: (event: StreamBatchEvent, info: { attempt: number }) => Promise<InvocationRecord>;
  clock: Clock;
  onFailure?: (record: OnFailureRecord) => Promise<void>;
  /** ARN used in on-failure records; default built from the stream ARN's region/account and the invoked function's name. */
  functionArn?: string;
}

/** A batch still to be (re)tried from the lane's checkpoint: a failing batch, or a half after a bisect. */
interface Attempt {
  /** Records to read from the checkpoint; undefined = batchSize (a plain retry re-reads like AWS). */
  size: number | undefined;
  retries: number;
  invokeCount: number;
  lastInvocation?: InvocationRecord;
}

/** One poller position: a shard, or with parallelizationFactor > 1 one of its lanes (records by item key). */
interface Lane {
  shardId: string;
  index: number;
  checkpoint: string | undefined;
  inFlight: boolean;
  /** Failing batches and bisected halves, in order, each read from the checkpoint. */
  attempts: Attempt[];
  /** When the poller first saw records waiting for the batch window (epoch ms). */
  waitingSince: number | undefined;
  window: OpenWindow | undefined;
  /** Consecutive failed invocations (reset by a success or when the batch is given up). */
  failures: number;
  /** While a failed batch waits for its retry: no invocation before this time (epoch ms). */
  retryAt: number | undefined;
}

/**
 * Emulates a Lambda event source mapping on a DynamoDB stream
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html), as a pipeline of named steps per
 * lane: read → filter → batch → invoke → checkpoint. One batch in flight per lane; a shard has
 * `parallelizationFactor` lanes; a child shard is read once its parent is finished.
 * A lane whose invocation failed waits before it invokes again (`retryDelay`: 250 ms doubling to
 * 4 s), on the mapping's clock; `poll({ flush: true })` (drain mode) does not wait.
 * Driven by `poll()`; nothing runs on its own. `onReport` tells listeners about retries and
 * batches given up.
 */
export class StreamMapping {
  readonly functionKey: string;
  readonly streamArn: string;
  readonly settings: ResolvedStreamOptions;
  readonly #deps: StreamMappingOptions;
  readonly #matches: (record: StreamRecord) => boolean;
  readonly #lanes = new Map<string, Lane[]>();
  /** LATEST: shard positions when the mapping was created. */
  readonly #initialPositions = new Map<string, string | undefined>();
  readonly #listeners = new Set<(report: MappingReport) => void>();
  readonly #destinationArn: string | undefined;

  /** @throws MappingError for invalid or unsupported options; FilterError for invalid filter patterns. */
  constructor(options: StreamMappingOptions) {
    this.functionKey = options.functionKey;
    this.streamArn = options.streamArn;
    this.settings = resolveStreamOptions(options.options, options.functionKey);
    this.#deps = options;
    this.#matches = compileFilter(this.settings.filterPatterns);
    this.#destinationArn = onFailureArn(options.options);
    if (this.settings.startingPosition === 'LATEST') {
      for (const shard of options.source.shards(options.streamArn)) {
        this.#initialPositions.set(shard.shardId, options.source.latestSequenceNumber(options.streamArn, shard.shardId));
      }
    }
  }

  /**
   * Calls `listener` when a batch failed and will be retried (with when), and when a batch is given
   * up and sent to the on-failure destination (or dropped without one). Returns an unsubscribe function.
   */
  onReport(listener: (report: MappingReport) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Processes at most one batch per lane of every readable shard. Returns true if it did any work
   * (invoked, dropped filtered records, or reported a failure); a lane waiting for its retry does no work.
   * `flush` (drain mode) ignores the batching window and does not wait for retries.
   */
  async poll(options: { flush?: boolean } = {}): Promise<boolean> {
    if (!this.settings.enabled) return false;
    const shards = this.#deps.source.shards(this.streamArn);
    const readable = shards.filter((shard) => this.#parentFinished(shard, shards));
    const lanes = readable.flatMap((shard) => this.#lanesOf(shard.shardId));
    const worked = await Promise.all(lanes.map((lane) => this.#pollLane(lane, options.flush === true)));
    return worked.some(Boolean);
  }

  /** True while any lane has records not yet checkpointed (including records the filter will drop) or a batch to retry. */
  pending(): boolean {
    if (!this.settings.enabled) return false;
    return this.#deps.source.shards(this.streamArn).some(({ shardId }) => this.#lanesOf(shardId).some((lane) => this.#laneBusy(lane)));
  }

  #laneBusy(lane: Lane): boolean {
    return lane.inFlight || lane.attempts.length > 0
      || this.#deps.source.readAfter(this.streamArn, lane.shardId, lane.checkpoint, 1).length > 0;
  }

  /** Parent shards are processed to their end before their children (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html). */
  #parentFinished(shard: ShardInfo, shards: ShardInfo[]): boolean {
    const parent = shard.parentShardId;
    if (parent === undefined || !shards.some((s) => s.shardId === parent)) return true;
    return !this.#lanesOf(parent).some((lane) => this.#laneBusy(lane));
  }

  #lanesOf(shardId: string): Lane[] {
    let lanes = this.#lanes.get(shardId);
    if (lanes === undefined) {
      const checkpoint = this.#initialPositions.get(shardId);
      lanes = Array.from({ length: this.settings.parallelizationFactor }, (_, index) => ({
        shardId, index, checkpoint, inFlight: false, attempts: [], waitingSince: undefined, window: undefined, failures: 0, retryAt: undefined,
      }));
      this.#lanes.set(shardId, lanes);
    }
    return lanes;
  }

  async #pollLane(lane: Lane, flush: boolean): Promise<boolean> {
    if (lane.inFlight) return false;
    if (!flush && lane.retryAt !== undefined && this.#deps.clock.now() < lane.retryAt) return false;
    lane.inFlight = true;
    try {
      const attempt = lane.attempts[0];
      const read = this.#readStep(lane, attempt);
      if (read.aged.length > 0) return await this.#ageStep(lane, attempt, read);
      if (this.#windowEnded(lane, read)) return await this.#finalWindowStep(lane);
      if (read.records.length === 0) {
        if (read.advanceTo === undefined) return false;
        lane.checkpoint = read.advanceTo; // only filtered-out records: dropped, no retry, no destination
        return true;
      }
      if (attempt === undefined && !flush && read.stop === 'end' && !this.#batchWindowElapsed(lane)) return false;
      await this.#invokeStep(lane, attempt, read);
      return true;
    } finally {
      lane.inFlight = false;
    }
  }

  /** Read → filter → batch, from the lane's checkpoint. */
  #readStep(lane: Lane, attempt: Attempt | undefined): ReadResult {
    const { parallelizationFactor: factor, tumblingWindowInSeconds: windowSeconds } = this.settings;
    return readBatch({
      source: this.#deps.source,
      streamArn: this.streamArn,
      shardId: lane.shardId,
      after: lane.checkpoint,
      limit: attempt?.size ?? this.settings.batchSize,
      matches: this.#matches,
      isAged: (record) => this.#isAged(record),
      ...(factor > 1 && { belongs: (record: StreamRecord) => laneOf(record, factor) === lane.index }),
      ...(windowSeconds > 0 && { windowOf: (record: StreamRecord) => windowStartOf(record, windowSeconds) }),
    });
  }

  /** Records past maximumRecordAgeInSeconds go to on-failure instead of being (re)tried. */
  async #ageStep(lane: Lane, attempt: Attempt | undefined, read: ReadResult): Promise<boolean> {
    await this.#reportFailure(lane.shardId, read.aged, attempt ?? { size: undefined, retries: 0, invokeCount: 0 }, 'RecordAgeExceeded');
    lane.checkpoint = read.advanceTo;
    if (attempt?.size !== undefined && attempt.size > read.aged.length) attempt.size -= read.aged.length;
    else if (attempt !== undefined) lane.attempts.shift();
    if (lane.attempts.length === 0) this.#settled(lane);
    return true;
  }

  /** Invoke → checkpoint, or retry / bisect / report. */
  async #invokeStep(lane: Lane, attempt: Attempt | undefined, read: ReadResult): Promise<void> {
    const { records } = read;
    const current = attempt ?? { size: undefined, retries: 0, invokeCount: 0 };
    const windowStart = this.settings.tumblingWindowInSeconds > 0 ? windowStartOf(records[0]!, this.settings.tumblingWindowInSeconds) : undefined;
    const isFinal = windowStart !== undefined && this.#deps.clock.now() >= windowStart + this.settings.tumblingWindowInSeconds * 1000
      && (read.stop === 'window' || read.stop === 'end');
    const invocation = await this.#deps.invoke(this.#event(lane, records, windowStart, isFinal), { attempt: current.invokeCount + 1 });
    lane.waitingSince = undefined;
    current.invokeCount += 1;
    current.lastInvocation = invocation;
    const verdict = interpretResponse(invocation, records, this.settings.reportBatchItemFailures);
    if (verdict.kind === 'success') {
      if (windowStart !== undefined) this.#keepWindowState(lane, windowStart, invocation.result, isFinal);
      lane.checkpoint = read.advanceTo;
      if (attempt !== undefined) lane.attempts.shift();
      this.#settled(lane);
      return;
    }
    if (verdict.kind === 'partial') {
      // Checkpoint just before the lowest failed record; the retry re-reads from there. With bisect
      // on, the batch is split at that record and only the remaining records are retried.
      if (verdict.index > 0) lane.checkpoint = records[verdict.index - 1]?.dynamodb.SequenceNumber;
      if (this.settings.bisectBatchOnFunctionError) current.size = records.length - verdict.index;
      else if (current.size !== undefined) current.size -= verdict.index;
      const reason = `batchItemFailures: ${records.length - verdict.index} of ${records.length} records to retry`;
      await this.#retryOrGiveUp(lane, attempt, current, records.slice(verdict.index), read.advanceTo, reason);
      return;
    }
    if (this.settings.bisectBatchOnFunctionError && records.length > 1) {
      // Split in two without spending a retry; each half is retried on its own (after the lane's wait).
      const first = Math.ceil(records.length / 2);
      const halves: Attempt[] = [{ ...current, size: first }, { ...current, size: records.length - first }];
      lane.attempts.splice(0, attempt === undefined ? 0 : 1, ...halves);
      this.#scheduleRetry(lane, current, records, verdict.detail, true);
      return;
    }
    await this.#retryOrGiveUp(lane, attempt, current, records, read.advanceTo, verdict.detail);
  }

  async #retryOrGiveUp(lane: Lane, attempt: Attempt | undefined, current: Attempt, records: StreamRecord[], advanceTo: string | undefined, reason: string): Promise<void> {
    const max = this.settings.maximumRetryAttempts;
    if (max === -1 || current.retries < max) {
      current.retries += 1;
      if (attempt === undefined) lane.attempts.unshift(current);
      this.#scheduleRetry(lane, current, records, reason, false);
      return;
    }
    await this.#reportFailure(lane.shardId, records, current, 'RetryAttemptsExhausted', reason);
    lane.checkpoint = advanceTo;
    if (attempt !== undefined) lane.attempts.shift();
    if (lane.attempts.length === 0) this.#settled(lane);
  }

  /** A failed invocation: the lane waits `retryDelay(failures)` before it invokes again. */
  #scheduleRetry(lane: Lane, current: Attempt, records: StreamRecord[], reason: string, bisected: boolean): void {
    lane.failures += 1;
    const wait = retryDelay(lane.failures);
    lane.retryAt = this.#deps.clock.now() + wait;
    this.#emit({
      kind: 'retrying',
      functionKey: this.functionKey,
      streamArn: this.streamArn,
      batch: rangeOf(lane.shardId, records),
      invokeCount: current.invokeCount,
      failures: lane.failures,
      retryAt: lane.retryAt,
      retryInMs: wait,
      bisected,
      reason,
    });
  }

  /** Nothing of the lane is failing any more: the next batch goes without waiting. */
  #settled(lane: Lane): void {
    lane.failures = 0;
    lane.retryAt = undefined;
  }

  #emit(report: MappingReport): void {
    for (const listener of this.#listeners) listener(report);
  }

  #event(lane: Lane, records: StreamRecord[], windowStart: number | undefined, isFinal: boolean): StreamBatchEvent {
    const event: StreamBatchEvent = { Records: records.map((record) => ({ ...record, eventSourceARN: this.streamArn })) };
    if (windowStart === undefined) return event;
    const end = windowStart + this.settings.tumblingWindowInSeconds * 1000;
    const state = lane.window?.start === windowStart ? lane.window.state : {};
    return {
      ...event,
      window: windowField({ start: windowStart, end }),
      state,
      shardId: lane.shardId,
      eventSourceARN: this.streamArn,
      isFinalInvokeForWindow: isFinal,
      isWindowTerminatedEarly: false,
    };
  }

  #keepWindowState(lane: Lane, start: number, result: unknown, isFinal: boolean): void {
    const state = stateFromResult(result);
    lane.window = isFinal ? undefined : { start, end: start + this.settings.tumblingWindowInSeconds * 1000, state, terminatedEarly: stateTooLarge(state) };
  }

  /** An open window whose time is over (or whose state outgrew 1 MB) and that has no more records to give. */
  #windowEnded(lane: Lane, read: ReadResult): boolean {
    const window = lane.window;
    if (window === undefined) return false;
    if (!window.terminatedEarly && this.#deps.clock.now() < window.end) return false;
    const next = read.records[0];
    return window.terminatedEarly || next === undefined || windowStartOf(next, this.settings.tumblingWindowInSeconds) !== window.start;
  }

  /** The final invocation of a window with no records left: carries the state so the function can act on the aggregate. */
  async #finalWindowStep(lane: Lane): Promise<boolean> {
    const window = lane.window!;
    const invocation = await this.#deps.invoke({
      Records: [],
      window: windowField(window),
      state: window.state,
      shardId: lane.shardId,
      eventSourceARN: this.streamArn,
      isFinalInvokeForWindow: true,
      isWindowTerminatedEarly: window.terminatedEarly,
    }, { attempt: lane.failures + 1 });
    if (invocation.outcome === 'success' || this.settings.maximumRetryAttempts !== -1) {
      lane.window = undefined;
      this.#settled(lane);
    } else {
      // Retried (maximumRetryAttempts -1 only) on the same pace as a batch; it has no records of its own.
      const reason = invocation.error?.errorMessage ?? invocation.outcome;
      this.#scheduleRetry(lane, { size: undefined, retries: lane.failures, invokeCount: lane.failures + 1 }, [], reason, false);
    }
    return true;
  }

  async #reportFailure(shardId: string, records: StreamRecord[], attempt: Attempt, condition: OnFailureCondition, reason?: string): Promise<void> {
    if (records.length === 0) return;
    this.#emit({
      kind: 'discarded',
      functionKey: this.functionKey,
      streamArn: this.streamArn,
      batch: rangeOf(shardId, records),
      invokeCount: attempt.invokeCount,
      condition,
      destinationArn: this.#deps.onFailure === undefined ? undefined : this.#destinationArn,
      reason: reason ?? attempt.lastInvocation?.error?.errorMessage,
    });
    if (this.#deps.onFailure === undefined) return;
    await this.#deps.onFailure(buildOnFailureRecord({
      records,
      condition,
      approximateInvokeCount: attempt.invokeCount,
      lastInvocation: attempt.lastInvocation,
      functionArn: this.#functionArn(attempt.lastInvocation),
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

  /** The batch window runs from when the poller first saw a waiting record, on the mapping's clock. */
  #batchWindowElapsed(lane: Lane): boolean {
    const now = this.#deps.clock.now();
    lane.waitingSince ??= now;
    return now >= lane.waitingSince + this.settings.batchWindowSeconds * 1000;
  }
}

function rangeOf(shardId: string, records: StreamRecord[]): BatchRange {
  return {
    shardId,
    startSequenceNumber: records[0]?.dynamodb.SequenceNumber ?? '',
    endSequenceNumber: records[records.length - 1]?.dynamodb.SequenceNumber ?? '',
    size: records.length,
  };
}
