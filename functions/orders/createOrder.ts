import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import { RequestValidationError } from '../../lib/http/errors';
import { httpRoute } from '../../lib/http/httpRoute';
import { created } from '../../lib/http/responses';
import { ProductEntity } from '../catalog/product';
import { callerOf } from '../shared/callerOf';
import { repositoryOf } from '../shared/table';
import { OrderEntity, orderLineSchema, type Order } from './order';

const body = v.object({
  lines: v.pipe(
    v.array(v.pick(orderLineSchema, ['sku', 'quantity'])),
    v.minLength(1),
    v.maxLength(20),
    v.check((lines) => new Set(lines.map((l) => l.sku)).size === lines.length, 'each sku may appear once'),
  ),
});

/**
 * `POST /orders` (customer JWT): prices the lines from the catalog and writes a PENDING order for
 * the caller; 201 with the order and its `location`. The order's INSERT on the stream starts the
 * PlaceOrder saga. Unknown SKUs are a 400 naming the line.
 */
export const handler = httpRoute(
  { body },
  async ({ body, event }) => {
    const customerId = callerOf(event);
    const products = new Map((await repositoryOf(ProductEntity).batchGet(body.lines.map((l) => ({ sku: l.sku })))).map((p) => [p.sku, p]));
    const unknown = body.lines.flatMap((line, index) => (products.has(line.sku) ? [] : [{ field: `body.lines.${index}.sku`, message: `No product ${line.sku}` }]));
    if (unknown.length > 0) throw new RequestValidationError(unknown);
    const lines = body.lines.map((line) => ({ ...line, unitPriceCents: products.get(line.sku)?.priceCents ?? 0 }));
    const now = new Date().toISOString();
    const order: Order = {
      id: randomUUID(),
      customerId,
      lines,
      totalCents: lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0),
      status: 'PENDING',
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await repositoryOf(OrderEntity).put(order, { ifNotExists: true });
    return created(order, { location: `/orders/${order.id}` });
  },
  { cors: true },
);
