import * as z from 'zod/mini';
import { defineEntity } from '../../lib/repository/defineEntity';

/** A product as stored and as returned by the admin API. `stock` is what can still be reserved. */
export const productSchema = z.object({
  sku: z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/)),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  priceCents: z.int().check(z.minimum(0), z.maximum(10_000_000)),
  stock: z.int().check(z.minimum(0)),
  version: z.int().check(z.minimum(1)),
});

export type Product = z.output<typeof productSchema>;

/** The Product entity: PK `PRODUCT#<sku>`, SK `PRODUCT`. */
export const ProductEntity = defineEntity({
  name: 'Product',
  schema: productSchema,
  key: { pk: (p: Pick<Product, 'sku'>) => `PRODUCT#${p.sku}`, sk: () => 'PRODUCT' },
});
