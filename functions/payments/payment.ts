import * as v from 'valibot';
import { defineEntity } from '../../lib/repository/defineEntity';

/** AUTHORIZED → CAPTURED → REFUNDED, or AUTHORIZED → VOIDED. */
export const paymentStatuses = ['AUTHORIZED', 'CAPTURED', 'VOIDED', 'REFUNDED'] as const;

/** The service's record of an order's payment with the provider. */
export const paymentSchema = v.object({
  orderId: v.pipe(v.string(), v.uuid()),
  authorizationId: v.pipe(v.string(), v.minLength(1)),
  amountCents: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  status: v.picklist(paymentStatuses),
  /** How many times the capture transition was applied: the invariant is ≤ 1. */
  captures: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  version: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
});

export type Payment = v.InferOutput<typeof paymentSchema>;

/** The Payment entity: PK `ORDER#<orderId>`, SK `PAYMENT`. */
export const PaymentEntity = defineEntity({
  name: 'Payment',
  schema: paymentSchema,
  key: { pk: (p: Pick<Payment, 'orderId'>) => `ORDER#${p.orderId}`, sk: () => 'PAYMENT' },
});
