import * as v from 'valibot';
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
    query: v.object({
      // Query string parameters are strings: `?limit=abc` becomes NaN, which v.number() rejects.
      limit: v.optional(v.pipe(v.string(), v.transform(Number), v.number(), v.safeInteger(), v.minValue(1), v.maxValue(100)), '20'),
      cursor: v.optional(v.pipe(v.string(), v.maxLength(2048))),
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
