import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../Engine';
import { pkSkKeys } from '../testing/pkSkKeys';
import { capacityReport, formatCapacityReport } from './capacityReport';

const S = (value: string) => ({ S: value });

// https://aws.amazon.com/dynamodb/pricing/on-demand/
describe('capacityReport', () => {
  it('sums units per table and index, their peaks a second, throttles and the on-demand cost', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 1));
    const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock, capacity: true });
    await engine.execute('CreateTable', {
      TableName: 'rep',
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 3 },
      AttributeDefinitions: [...pkSkKeys.AttributeDefinitions, { AttributeName: 'G', AttributeType: 'S' }],
      KeySchema: pkSkKeys.KeySchema,
      GlobalSecondaryIndexes: [{ IndexName: 'ByG', KeySchema: [{ AttributeName: 'G', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' }, ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 5 } }],
    });
    const put = (pk: string) => engine.execute('PutItem', { TableName: 'rep', Item: { PK: S(pk), SK: S('s'), G: S('g') } });
    await put('a');
    await put('b');
    clock.advance(1000);
    await put('c');
    // The read bucket holds 2 units by now (1 a second since creation): two half-unit reads, one full one, then a throttle.
    const get = (ConsistentRead: boolean) => engine.execute('GetItem', { TableName: 'rep', Key: { PK: S('a'), SK: S('s') }, ConsistentRead });
    await get(false);
    await get(false);
    await get(true);
    await expect(get(true)).rejects.toMatchObject({ type: 'ProvisionedThroughputExceededException' });
    const report = capacityReport(engine.capacity!);
    expect(report.rows).toEqual([
      { resource: 'rep', readUnits: 2, writeUnits: 3, peakReadUnitsPerSecond: 2, peakWriteUnitsPerSecond: 2, throttledReads: 1, throttledWrites: 0, onDemandCostUsd: (2 * 0.125 + 3 * 0.625) / 1e6 },
      { resource: 'rep/index/ByG', readUnits: 0, writeUnits: 3, peakReadUnitsPerSecond: 0, peakWriteUnitsPerSecond: 2, throttledReads: 0, throttledWrites: 0, onDemandCostUsd: (3 * 0.625) / 1e6 },
    ]);
    expect(report).toMatchObject({ requests: 8, throttledRequests: 1 });
    expect(formatCapacityReport(report)[0]).toBe('Capacity: 8 requests, 1 throttled, 0 items unprocessed');
  });
});
