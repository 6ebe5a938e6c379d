import * as v from 'valibot';
import { defineEntity } from '../../lib/repository/defineEntity';

/** One line of an order, priced from the catalog when the order was placed. */
export const orderLineSchema = v.object({
  sku: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  quantity: v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(100)),
  unitPriceCents: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
});

/**
 * Lifecycle: PENDING (placed, saga running) → CONFIRMED (stock held, payment captured), or
 * REJECTED (the saga compensated: out of stock, payment declined, a step timed out), or
 * CANCELLED (by the customer, or because the stock hold expired before payment).
 */
export const orderStatuses = ['PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** An order as stored and as returned by the API. */
export const orderSchema = v.object({
  id: v.pipe(v.string(), v.uuid()),
  customerId: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
  lines: v.pipe(v.array(orderLineSchema), v.minLength(1), v.maxLength(20)),
  totalCents: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  status: v.picklist(orderStatuses),
  reason: v.optional(v.pipe(v.string(), v.maxLength(500))),
  createdAt: v.pipe(v.string(), v.isoTimestamp()),
  updatedAt: v.pipe(v.string(), v.isoTimestamp()),
  version: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
});

export type Order = v.InferOutput<typeof orderSchema>;
export type OrderLine = v.InferOutput<typeof orderLineSchema>;

/**
 * The Order entity: PK `ORDER#<id>`, SK `ORDER`; GSI1 lists a customer's orders newest last
 * (GSI1PK `CUSTOMER#<customerId>`, GSI1SK `ORDER#<createdAt>#<id>`).
 */
export const OrderEntity = defineEntity({
  name: 'Order',
  schema: orderSchema,
  key: { pk: (order: Pick<Order, 'id'>) => `ORDER#${order.id}`, sk: () => 'ORDER' },
  indexes: {
    GSI1: { pk: (order) => `CUSTOMER#${order.customerId}`, sk: (order) => `ORDER#${order.createdAt}#${order.id}` },
  },
});
