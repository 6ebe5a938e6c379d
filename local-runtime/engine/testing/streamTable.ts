import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../Engine';
import type { StreamRecord } from '../streams/types';

/** Test fixture: an engine with a `events` table (hash key `pk`) streaming NEW_AND_OLD_IMAGES, and a reader of its records. */
export async function streamTable(clock = new VirtualClock(Date.UTC(2026, 10, 22, 3, 40))): Promise<{ engine: Engine; records: () => StreamRecord[] }> {
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock });
  const out = await engine.execute('CreateTable', {
    TableName: 'events',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
  const arn = (out.TableDescription as { LatestStreamArn: string }).LatestStreamArn;
  const records = (): StreamRecord[] => engine.streams.shards(arn).flatMap((s) => engine.streams.readAfter(arn, s.shardId, undefined, 1000));
  return { engine, records };
}
