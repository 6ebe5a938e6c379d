import * as z from 'zod/mini';
import { defineEntity } from '../../lib/repository/defineEntity';

/** AUTHORIZED → CAPTURED → REFUNDED, or AUTHORIZED → VOIDED. */
export const paymentStatuses = ['AUTHORIZED', 'CAPTURED', 'VOIDED', 'REFUNDED'] as const;

/** The service's record of an order's payment with the provider. */
export const paymentSchema = z.object({
  orderId: z.uuid(),
  authorizationId: z.string().check(z.minLength(1)),
  amountCents: z.int().check(z.minimum(0)),
  status: z.enum(paymentStatuses),
  /** How many times the capture transition was applied: the invariant is ≤ 1. */
  captures: z.int().check(z.minimum(0)),
  version: z.int().check(z.minimum(1)),
});

export type Payment = z.output<typeof paymentSchema>;

/** The Payment entity: PK `ORDER#<orderId>`, SK `PAYMENT`. */
export const PaymentEntity = defineEntity({
  name: 'Payment',
  schema: paymentSchema,
  key: { pk: (p: Pick<Payment, 'orderId'>) => `ORDER#${p.orderId}`, sk: () => 'PAYMENT' },
});
