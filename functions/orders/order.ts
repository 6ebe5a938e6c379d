import * as z from 'zod';
import { defineEntity } from '../../lib/repository/defineEntity';

/** One line of an order. */
export const orderItemSchema = z.object({
  sku: z.string().min(1).max(64),
  quantity: z.int().min(1).max(1000),
  unitPriceCents: z.int().min(0),
});

/** Lifecycle of an order: PLACED on creation, then ACCEPTED (by onOrderPlaced) or CANCELLED. */
export const orderStatuses = ['PLACED', 'ACCEPTED', 'CANCELLED'] as const;

/** An order as stored and as returned by the API. */
export const orderSchema = z.object({
  id: z.uuid(),
  customerId: z.string().min(1).max(64),
  items: z.array(orderItemSchema).min(1).max(50),
  totalCents: z.int(),
  status: z.enum(orderStatuses),
  createdAt: z.iso.datetime(),
  version: z.int().min(1),
});

export type Order = z.output<typeof orderSchema>;
export type OrderItem = z.output<typeof orderItemSchema>;
export type OrderKey = Pick<Order, 'id'>;

/**
 * The Order entity: PK `ORDER#<id>`, SK `ORDER`; GSI1 lists a customer's orders by creation time
 * (GSI1PK `CUSTOMER#<customerId>`, GSI1SK `ORDER#<createdAt>#<id>`).
 */
export const OrderEntity = defineEntity({
  name: 'Order',
  schema: orderSchema,
  key: { pk: (order: OrderKey) => `ORDER#${order.id}`, sk: () => 'ORDER' },
  indexes: {
    GSI1: { pk: (order) => `CUSTOMER#${order.customerId}`, sk: (order) => `ORDER#${order.createdAt}#${order.id}` },
  },
});
