import * as z from 'zod/mini';
import { defineEntity } from '../../lib/repository/defineEntity';

/** One line of an order, priced from the catalog when the order was placed. */
export const orderLineSchema = z.object({
  sku: z.string().check(z.minLength(1), z.maxLength(64)),
  quantity: z.int().check(z.minimum(1), z.maximum(100)),
  unitPriceCents: z.int().check(z.minimum(0)),
});

/**
 * Lifecycle: PENDING (placed, saga running) → CONFIRMED (stock held, payment captured), or
 * REJECTED (the saga compensated: out of stock, payment declined, a step timed out), or
 * CANCELLED (by the customer, or because the stock hold expired before payment).
 */
export const orderStatuses = ['PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** An order as stored and as returned by the API. */
export const orderSchema = z.object({
  id: z.uuid(),
  customerId: z.string().check(z.minLength(1), z.maxLength(128)),
  lines: z.array(orderLineSchema).check(z.minLength(1), z.maxLength(20)),
  totalCents: z.int().check(z.minimum(0)),
  status: z.enum(orderStatuses),
  reason: z.optional(z.string().check(z.maxLength(500))),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.int().check(z.minimum(1)),
});

export type Order = z.output<typeof orderSchema>;
export type OrderLine = z.output<typeof orderLineSchema>;

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
