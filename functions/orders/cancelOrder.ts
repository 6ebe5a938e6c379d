import * as v from 'valibot';
import { NotFoundError } from '../../lib/http/errors';
import { httpRoute } from '../../lib/http/httpRoute';
import { json, ok } from '../../lib/http/responses';
import { callerOf } from '../shared/callerOf';
import { repositoryOf } from '../shared/table';
import { OrderEntity } from './order';
import { transitionOrder } from './transitionOrder';

/**
 * `POST /orders/{id}/cancel` (customer JWT): cancels the caller's PENDING or CONFIRMED order
 * (409 otherwise). `onOrderCancelled` then releases its stock and voids or refunds its payment.
 */
export const handler = httpRoute(
  { path: v.object({ id: v.pipe(v.string(), v.uuid()) }) },
  async ({ path, event }) => {
    const orders = repositoryOf(OrderEntity);
    const order = await orders.get({ id: path.id }, { consistentRead: true });
    if (order === undefined || order.customerId !== callerOf(event)) throw new NotFoundError(`No order ${path.id}`);
    if (!(await transitionOrder(order.id, ['PENDING', 'CONFIRMED'], 'CANCELLED', 'cancelled by the customer'))) {
      return json(409, { message: `Order ${order.id} cannot be cancelled`, status: (await orders.get({ id: order.id }, { consistentRead: true }))?.status });
    }
    return ok(await orders.get({ id: order.id }, { consistentRead: true }));
  },
  { cors: true },
);
