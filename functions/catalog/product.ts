import * as v from 'valibot';
import { defineEntity } from '../../lib/repository/defineEntity';

/** A product as stored and as returned by the admin API. `stock` is what can still be reserved. */
export const productSchema = v.object({
  sku: v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{1,64}$/)),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  priceCents: v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(10_000_000)),
  stock: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  version: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
});

export type Product = v.InferOutput<typeof productSchema>;

/** The Product entity: PK `PRODUCT#<sku>`, SK `PRODUCT`. */
export const ProductEntity = defineEntity({
  name: 'Product',
  schema: productSchema,
  key: { pk: (p: Pick<Product, 'sku'>) => `PRODUCT#${p.sku}`, sk: () => 'PRODUCT' },
});
