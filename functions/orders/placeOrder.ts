import * as z from 'zod';
import { orderItemSchema, type Order, type OrderItem } from './order';
import type { OrderStore } from './orderRepository';

/** Body of `POST /orders`; unknown fields are rejected. */
export const placeOrderInput = z.strictObject({
  customerId: z.string().min(1).max(64),
  items: z.array(z.strictObject(orderItemSchema.shape)).min(1).max(50),
});

export type PlaceOrderInput = z.output<typeof placeOrderInput>;

/** Sum of quantity × unit price, in cents. */
export const orderTotal = (items: readonly OrderItem[]): number =>
  items.reduce((total, item) => total + item.quantity * item.unitPriceCents, 0);

/** A new order in status PLACED at version 1. */
export function newOrder(input: PlaceOrderInput, id: string, now: Date): Order {
  return {
    id,
    customerId: input.customerId,
    items: input.items,
    totalCents: orderTotal(input.items),
    status: 'PLACED',
    createdAt: now.toISOString(),
    version: 1,
  };
}

/** Creates and stores a new order; never overwrites an existing one. */
export async function placeOrder(store: Pick<OrderStore, 'put'>, input: PlaceOrderInput, id: string, now: Date): Promise<Order> {
  return store.put(newOrder(input, id, now), { ifNotExists: true });
}
