import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../Engine';
import { pkSkKeys } from '../testing/pkSkKeys';
import { rejection } from '../testing/rejection';

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#default-limits-capacity-modes
describe('provisioned throughput decreases (capacity model on)', () => {
  it('allows four decreases a UTC day, then one an hour, with LimitExceededException in between', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 2, 24, 9, 0, 0));
    const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock, capacity: true });
    await engine.execute('CreateTable', { TableName: 'dec', BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 100, WriteCapacityUnits: 100 }, ...pkSkKeys });
    const set = (units: number) => engine.execute('UpdateTable', { TableName: 'dec', ProvisionedThroughput: { ReadCapacityUnits: units, WriteCapacityUnits: 100 } });
    for (const units of [90, 80, 70, 60]) await set(units);
    await set(200); // increases are not limited
    const error = await rejection(set(50));
    expect(error.type).toBe('LimitExceededException');
    expect(error.message).toBe(
      'Subscriber limit exceeded: Provisioned throughput decreases are limited within a given UTC day. After the first 4 decreases, each subsequent decrease in the same UTC day can be performed at most once every 3600 seconds. Number of decreases today: 4. Last decrease at Tuesday, March 24, 2026 9:00:00 AM UTC. Next decrease can be made at Tuesday, March 24, 2026 10:00:00 AM UTC',
    );
    clock.advance(3600 * 1000);
    await set(50);
    await expect(set(40)).rejects.toMatchObject({ type: 'LimitExceededException' });
    clock.advance(24 * 3600 * 1000); // a new UTC day
    for (const units of [30, 20, 10, 5]) await set(units);
  });

  it('is not checked when the capacity model is off', async () => {
    const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock() });
    await engine.execute('CreateTable', { TableName: 'dec', BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 100, WriteCapacityUnits: 100 }, ...pkSkKeys });
    for (let units = 99; units > 90; units--) await engine.execute('UpdateTable', { TableName: 'dec', ProvisionedThroughput: { ReadCapacityUnits: units, WriteCapacityUnits: 100 } });
  });
});
