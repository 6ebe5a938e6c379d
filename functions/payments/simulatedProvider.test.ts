import { describe, expect, it } from 'vitest';
import { PaymentDeclinedError, PaymentUnavailableError } from './PaymentProvider';
import { simulatedProvider } from './simulatedProvider';

describe('simulatedProvider', () => {
  it('declines amounts ending in .13 and is unavailable (retryable) for amounts ending in .19', async () => {
    await expect(simulatedProvider.authorize({ idempotencyKey: 'k', customerId: 'c', amountCents: 1013 })).rejects.toBeInstanceOf(PaymentDeclinedError);
    const unavailable = simulatedProvider.authorize({ idempotencyKey: 'k', customerId: 'c', amountCents: 219 });
    await expect(unavailable).rejects.toBeInstanceOf(PaymentUnavailableError);
    await expect(unavailable).rejects.toMatchObject({ retryable: true });
  });

  it('authorizes everything else with an id derived from the idempotency key (a retry gets the same one)', async () => {
    const first = await simulatedProvider.authorize({ idempotencyKey: 'order-1#authorize', customerId: 'c', amountCents: 2500 });
    const again = await simulatedProvider.authorize({ idempotencyKey: 'order-1#authorize', customerId: 'c', amountCents: 2500 });
    const other = await simulatedProvider.authorize({ idempotencyKey: 'order-2#authorize', customerId: 'c', amountCents: 2500 });
    expect(first.authorizationId).toMatch(/^auth_[0-9a-f]{24}$/);
    expect(again).toEqual(first);
    expect(other.authorizationId).not.toBe(first.authorizationId);
  });
});
