import * as v from 'valibot';
import { httpRoute } from '../../lib/http/httpRoute';
import { ok } from '../../lib/http/responses';
import { repositoryOf } from '../shared/table';
import { productSchema, ProductEntity } from './product';

/**
 * `PUT /admin/products/{sku}` (JWT with scope `tidepool/admin`): creates a product or replaces its
 * name, price and available stock. Stock already held for orders is not part of `stock`.
 */
export const handler = httpRoute(
  { path: v.object({ sku: productSchema.entries.sku }), body: v.pick(productSchema, ['name', 'priceCents', 'stock']) },
  async ({ path, body }) => {
    const products = repositoryOf(ProductEntity);
    const existing = await products.get({ sku: path.sku }, { consistentRead: true });
    return ok(await products.put({ sku: path.sku, ...body, version: (existing?.version ?? 0) + 1 }));
  },
  { cors: true },
);
