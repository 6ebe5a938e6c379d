import { randomUUID } from 'node:crypto';
import { httpRoute } from '../../lib/http/httpRoute';
import { created } from '../../lib/http/responses';
import { orderRepository } from './orderRepository';
import { placeOrder, placeOrderInput } from './placeOrder';

/** `POST /orders`: 201 with the new order and its `location`. */
export const handler = httpRoute({ body: placeOrderInput }, async ({ body }) => {
  const order = await placeOrder(orderRepository(), body, randomUUID(), new Date());
  return created(order, { location: `/orders/${order.id}` });
});
