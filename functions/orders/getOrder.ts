import * as z from 'zod';
import { NotFoundError } from '../../lib/http/errors';
import { httpRoute } from '../../lib/http/httpRoute';
import { ok } from '../../lib/http/responses';
import { orderRepository } from './orderRepository';

/** `GET /orders/{id}`: 200 with the order, 404 if there is none, 400 if `id` is not a UUID. */
export const handler = httpRoute({ path: z.object({ id: z.uuid() }) }, async ({ path }) => {
  const order = await orderRepository().get({ id: path.id });
  if (order === undefined) throw new NotFoundError(`Order ${path.id} not found`);
  return ok(order);
});
