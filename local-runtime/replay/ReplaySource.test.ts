import { describe, expect, it } from 'vitest';
import type { StreamRecord } from '../engine/streams/types';
import { ReplayError } from './errors';
import { REPLAY_SHARD_ID, ReplaySource } from './ReplaySource';

const input = (sequence: string, where: string) => ({
  where,
  record: { eventName: 'INSERT', dynamodb: { SequenceNumber: sequence, Keys: {}, ApproximateCreationDateTime: 1 } } as unknown as StreamRecord,
});

describe('ReplaySource', () => {
  it('serves the records in input order after a checkpoint, keeping their sequence numbers', () => {
    const source = new ReplaySource([input('30', 'a:1'), input('10', 'a:2'), input('20', 'b:1')]);
    const read = (after: string | undefined, limit = 10) => source.readAfter('any', REPLAY_SHARD_ID, after, limit).map((r) => r.dynamodb.SequenceNumber);

    expect(source.shards('any')).toEqual([{ shardId: REPLAY_SHARD_ID, startingSequenceNumber: '30', endingSequenceNumber: '20' }]);
    expect(read(undefined)).toEqual(['30', '10', '20']);
    expect(read('30', 1)).toEqual(['10']);
    expect(read('20')).toEqual([]);
    expect(read('99')).toEqual([]);
  });

  it('rejects repeated sequence numbers, naming both positions of each', () => {
    const build = () => new ReplaySource([input('1', 'a.jsonl:1'), input('2', 'a.jsonl:2'), input('1', 'b.json: Records[0]')]);
    expect(build).toThrow(ReplayError);
    try {
      build();
    } catch (error) {
      expect((error as ReplayError).problems).toEqual(['b.json: Records[0]: dynamodb.SequenceNumber: 1 repeats the record at a.jsonl:1']);
    }
  });
});
