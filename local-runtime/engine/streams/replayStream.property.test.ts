import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../Engine';
import type { WireItem } from './types';

type Write = { op: 'put' | 'update' | 'delete'; key: number; value: number };

const write = fc.record({ op: fc.constantFrom<Write['op']>('put', 'update', 'delete'), key: fc.integer({ min: 0, max: 5 }), value: fc.integer({ min: 0, max: 3 }) });

async function apply(engine: Engine, w: Write): Promise<void> {
  const Key = { pk: { S: `k${w.key}` } };
  if (w.op === 'put') await engine.execute('PutItem', { TableName: 'tbl', Item: { ...Key, v: { N: String(w.value) } } });
  if (w.op === 'delete') await engine.execute('DeleteItem', { TableName: 'tbl', Key });
  if (w.op === 'update') {
    await engine.execute('UpdateItem', { TableName: 'tbl', Key, UpdateExpression: 'SET w = :w', ExpressionAttributeValues: { ':w': { N: String(w.value) } } });
  }
}

// Property: the stream is a complete change log — NEW_AND_OLD_IMAGES records replayed shard by shard (parents before
// children, as https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html#Streams.Processing asks)
// onto an empty map give the table's contents.
describe('stream replay', () => {
  it('applying the records of any sequence of writes to an empty map reproduces the table', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(write, { maxLength: 40 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), async (writes, shardCount, maxRecordsPerShard) => {
        const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock(), streams: { shardCount, maxRecordsPerShard } });
        const created = await engine.execute('CreateTable', {
          TableName: 'tbl',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        });
        const arn = (created.TableDescription as { LatestStreamArn: string }).LatestStreamArn;
        for (const w of writes) await apply(engine, w);

        const replayed = new Map<string, WireItem>();
        for (const shard of engine.streams.shards(arn)) {
          for (const record of engine.streams.readAfter(arn, shard.shardId, undefined, 10_000)) {
            const id = JSON.stringify(record.dynamodb.Keys);
            if (record.eventName === 'REMOVE') replayed.delete(id);
            else replayed.set(id, record.dynamodb.NewImage as WireItem);
          }
        }
        const { Items } = (await engine.execute('Scan', { TableName: 'tbl' })) as { Items: WireItem[] };
        const table = new Map(Items.map((item) => [JSON.stringify({ pk: item.pk }), item]));
        expect(Object.fromEntries(replayed)).toEqual(Object.fromEntries(table));
      }),
      { numRuns: 150 },
    );
  });
});
