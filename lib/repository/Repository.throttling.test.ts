import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
// Tests may drive the local engine in process (tests are never bundled).
import { VirtualClock } from '../../local-runtime/clock/Clock';
import { Engine } from '../../local-runtime/engine/Engine';
import { inProcessClientConfig } from '../../local-runtime/wire/inProcessClientConfig';
import { UnprocessedItemsError } from './errors';
import { Repository } from './Repository';
import { aWidget, Widget } from './testEntity';

/** A provisioned table (4 read, `writeUnits` write units a second) on an engine with the capacity model on. */
async function throttledWidgets(maxAttempts?: number, writeUnits = 5) {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1));
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock, capacity: true });
  const S = (AttributeName: string) => ({ AttributeName, AttributeType: 'S' });
  await engine.execute('CreateTable', {
    TableName: 'widgets',
    BillingMode: 'PROVISIONED',
    ProvisionedThroughput: { ReadCapacityUnits: 4, WriteCapacityUnits: writeUnits },
    AttributeDefinitions: [S('PK'), S('SK')],
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
  });
  const client = DynamoDBDocumentClient.from(new DynamoDBClient(inProcessClientConfig(engine)), { marshallOptions: { removeUndefinedValues: true } });
  const sleeps: number[] = [];
  // Each backoff "sleep" moves the virtual clock one second: the buckets refill, nothing waits.
  const retry = { sleep: async (ms: number) => void (sleeps.push(ms), clock.advance(1000)), random: () => 0.5, ...(maxAttempts !== undefined && { maxAttempts }) };
  return { engine, sleeps, repo: new Repository(Widget, 'widgets', client, { retry }) };
}

const widgets = Array.from({ length: 20 }, (_, i) => ({ ...aWidget, id: `w${i}` }));

// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html ("If DynamoDB returns any unprocessed items, you should retry the batch operation on those items")
describe('Repository batch retry against throttling', () => {
  it('batchWrite drains UnprocessedItems: 20 one-unit writes at 5 units a second take four attempts', async () => {
    const { engine, sleeps, repo } = await throttledWidgets();
    await repo.batchWrite({ put: widgets });
    expect(sleeps).toHaveLength(3);
    expect(engine.capacity?.counters.unprocessedItems).toBe(15 + 10 + 5);
    const stored = await engine.execute('Scan', { TableName: 'widgets', ConsistentRead: true });
    expect(stored.Count).toBe(20);
  });

  it('batchGet drains UnprocessedKeys: eventually consistent reads at half a unit, 8 keys an attempt', async () => {
    const { sleeps, repo } = await throttledWidgets(undefined, 100);
    await repo.batchWrite({ put: widgets });
    expect(sleeps).toHaveLength(0);
    const found = await repo.batchGet(widgets.map(({ id }) => ({ id })));
    expect(found.map((w) => w.id).sort()).toEqual(widgets.map((w) => w.id).sort());
    expect(sleeps).toHaveLength(2);
  });

  it('throws UnprocessedItemsError when the retries run out', async () => {
    const { repo } = await throttledWidgets(2);
    await expect(repo.batchWrite({ put: widgets })).rejects.toBeInstanceOf(UnprocessedItemsError);
  });
});
