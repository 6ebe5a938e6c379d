import * as v from 'valibot';
import { NotFoundError } from '../../lib/http/errors';
import { httpRoute } from '../../lib/http/httpRoute';
import { ok } from '../../lib/http/responses';
import { callerOf } from '../shared/callerOf';
import { repositoryOf } from '../shared/table';
import { OrderEntity } from './order';

/** `GET /orders/{id}` (customer JWT): the caller's order; another customer's order is a 404 too. */
export const handler = httpRoute(
  { path: v.object({ id: v.pipe(v.string(), v.uuid()) }) },
  async ({ path, event }) => {
    const order = await repositoryOf(OrderEntity).get({ id: path.id });
    if (order === undefined || order.customerId !== callerOf(event)) throw new NotFoundError(`No order ${path.id}`);
    return ok(order);
  },
  { cors: true },
);
