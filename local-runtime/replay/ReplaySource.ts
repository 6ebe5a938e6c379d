import type { ShardInfo, StreamRecord, StreamSource } from '../engine/streams/types';
import { ReplayError } from './errors';
import type { InputRecord } from './readRecords';

/** The one shard a replay feeds its records through. */
export const REPLAY_SHARD_ID = 'shardId-00000000000000000000-replay';

/**
 * A `StreamSource` over recorded records, for any stream ARN: one closed shard holding the records
 * in input order, each with its original SequenceNumber (partial batch responses name them).
 *
 * @throws ReplayError `replay.input.duplicate_sequence` naming both positions of every repeated SequenceNumber.
 */
export class ReplaySource implements StreamSource {
  readonly #records: StreamRecord[];
  readonly #positions = new Map<string, number>();

  constructor(input: InputRecord[]) {
    this.#records = input.map((entry) => entry.record);
    const problems: string[] = [];
    input.forEach(({ record, where }, index) => {
      const sequence = record.dynamodb.SequenceNumber;
      const first = this.#positions.get(sequence);
      if (first === undefined) this.#positions.set(sequence, index);
      else problems.push(`${where}: dynamodb.SequenceNumber: ${sequence} repeats the record at ${input[first]!.where}`);
    });
    if (problems.length > 0) {
      throw new ReplayError('replay.input.duplicate_sequence', 'SequenceNumber must be unique within the input', problems);
    }
  }

  shards(_streamArn?: string): ShardInfo[] {
    const last = this.#records[this.#records.length - 1];
    return [{
      shardId: REPLAY_SHARD_ID,
      ...(this.#records[0] && { startingSequenceNumber: this.#records[0].dynamodb.SequenceNumber }),
      ...(last && { endingSequenceNumber: last.dynamodb.SequenceNumber }),
    }];
  }

  readAfter(_streamArn: string, shardId: string, afterSequenceNumber: string | undefined, limit: number): StreamRecord[] {
    if (shardId !== REPLAY_SHARD_ID) return [];
    const start = afterSequenceNumber === undefined ? 0 : (this.#positions.get(afterSequenceNumber) ?? -1) + 1;
    return start === 0 && afterSequenceNumber !== undefined ? [] : this.#records.slice(start, start + limit);
  }

  /** Undefined: the records arrive after the mapping exists, so a LATEST mapping also sees all of them. */
  latestSequenceNumber(): string | undefined {
    return undefined;
  }

  onAppend(): () => void {
    return () => {};
  }
}
