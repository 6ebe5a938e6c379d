import { createHash } from 'node:crypto';
import { PaymentDeclinedError, PaymentUnavailableError, type PaymentProvider } from './PaymentProvider';

/**
 * A deterministic stand-in for a card provider, used on every stage of the reference service:
 * amounts ending in .13 (`amountCents % 100 === 13`) are declined, amounts ending in .19 find the
 * provider unavailable (a transient error, every time), everything else is authorized with an id
 * derived from the idempotency key (so a retried call gets the same authorization).
 */
export const simulatedProvider: PaymentProvider = {
  async authorize({ idempotencyKey, amountCents }) {
    if (amountCents % 100 === 13) throw new PaymentDeclinedError(amountCents);
    if (amountCents % 100 === 19) throw new PaymentUnavailableError();
    return { authorizationId: `auth_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24)}` };
  },
  async capture() {},
  async void() {},
  async refund() {},
};
