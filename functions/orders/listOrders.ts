import * as z from 'zod/mini';
import { RequestValidationError } from '../../lib/http/errors';
import { httpRoute } from '../../lib/http/httpRoute';
import { ok } from '../../lib/http/responses';
import { InvalidCursorError } from '../../lib/repository/errors';
import { callerOf } from '../shared/callerOf';
import { repositoryOf } from '../shared/table';
import { OrderEntity } from './order';

/**
 * `GET /orders?limit=&cursor=` (customer JWT): the caller's orders, oldest first, from GSI1, one
 * page at a time; `cursor` is the repository's signed cursor from the previous page.
 */
export const handler = httpRoute(
  {
    query: z.object({
      limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
      cursor: z.optional(z.string().check(z.maxLength(2048))),
    }),
  },
  async ({ query, event }) => {
    try {
      const page = await repositoryOf(OrderEntity).query({
        index: 'GSI1',
        partition: `CUSTOMER#${callerOf(event)}`,
        limit: query.limit,
        ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
      });
      return ok({ orders: page.items, ...(page.cursor === undefined ? {} : { cursor: page.cursor }) });
    } catch (error) {
      if (error instanceof InvalidCursorError) throw new RequestValidationError([{ field: 'query.cursor', message: 'Invalid cursor' }]);
      throw error;
    }
  },
  { cors: true },
);
