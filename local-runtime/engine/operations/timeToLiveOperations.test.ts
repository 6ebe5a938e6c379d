import { describe, expect, it } from 'vitest';
import { ordersEngine } from '../testing/ordersEngine';

const update = (spec: unknown, tableName = 'orders') => ({ TableName: tableName, TimeToLiveSpecification: spec });

// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html
// Messages as DynamoDB answers them (quoted by users' code that matches them exactly:
// "TimeToLive is already enabled", "TimeToLive is active on a different AttributeName: current AttributeName is …").
describe('UpdateTimeToLive: one TTL attribute per table', () => {
  it('refuses to enable again, with the same attribute or another one', async () => {
    const engine = await ordersEngine();
    await engine.execute('UpdateTimeToLive', update({ Enabled: true, AttributeName: 'expiresAt' }));
    await expect(engine.execute('UpdateTimeToLive', update({ Enabled: true, AttributeName: 'expiresAt' }))).rejects.toMatchObject({
      type: 'ValidationException',
      message: 'TimeToLive is already enabled',
    });
    await expect(engine.execute('UpdateTimeToLive', update({ Enabled: true, AttributeName: 'other' }))).rejects.toMatchObject({
      type: 'ValidationException',
      message: 'TimeToLive is active on a different AttributeName: current AttributeName is expiresAt',
    });
    expect(await engine.execute('DescribeTimeToLive', { TableName: 'orders' })).toEqual({ TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' } });
  });

  it('disables only with the attribute TTL is on, then accepts a new attribute', async () => {
    const engine = await ordersEngine();
    await engine.execute('UpdateTimeToLive', update({ Enabled: true, AttributeName: 'expiresAt' }));
    await expect(engine.execute('UpdateTimeToLive', update({ Enabled: false, AttributeName: 'other' }))).rejects.toMatchObject({
      message: 'TimeToLive is active on a different AttributeName: current AttributeName is expiresAt',
    });
    expect(await engine.execute('UpdateTimeToLive', update({ Enabled: false, AttributeName: 'expiresAt' }))).toEqual({
      TimeToLiveSpecification: { Enabled: false, AttributeName: 'expiresAt' },
    });
    expect(await engine.execute('DescribeTimeToLive', { TableName: 'orders' })).toEqual({ TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } });
    await expect(engine.execute('UpdateTimeToLive', update({ Enabled: false, AttributeName: 'expiresAt' }))).rejects.toMatchObject({ message: 'TimeToLive is already disabled' });
    await engine.execute('UpdateTimeToLive', update({ Enabled: true, AttributeName: 'other' }));
    expect(await engine.execute('DescribeTimeToLive', { TableName: 'orders' })).toEqual({ TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'other' } });
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TimeToLiveSpecification.html: both members required, AttributeName 1–255.
  it.each([
    ['no specification', undefined, "Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null"],
    ['no Enabled', { AttributeName: 'ttl' }, "Value null at 'timeToLiveSpecification.enabled' failed to satisfy constraint: Member must not be null"],
    ['no AttributeName', { Enabled: true }, "Value null at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must not be null"],
    ['an empty AttributeName', { Enabled: true, AttributeName: '' }, "at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ['a 256-character AttributeName', { Enabled: true, AttributeName: 'a'.repeat(256) }, "at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must have length less than or equal to 255"],
  ])('names the member when the specification has %s, before looking the table up', async (_case, spec, message) => {
    const engine = await ordersEngine();
    await expect(engine.execute('UpdateTimeToLive', update(spec, 'no-such-table'))).rejects.toMatchObject({
      type: 'ValidationException',
      message: expect.stringContaining(message),
    });
    expect(await engine.execute('DescribeTimeToLive', { TableName: 'orders' })).toEqual({ TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } });
  });

  it('answers ResourceNotFoundException for a well-formed request naming no table', async () => {
    const engine = await ordersEngine();
    await expect(engine.execute('UpdateTimeToLive', update({ Enabled: true, AttributeName: 'ttl' }, 'no-such-table'))).rejects.toMatchObject({
      type: 'ResourceNotFoundException',
    });
  });
});
