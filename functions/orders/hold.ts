import * as z from 'zod/mini';
import { defineEntity } from '../../lib/repository/defineEntity';

/** HELD: stock taken, `expiresAt` set (TTL). CONFIRMED: sold. RELEASED: stock given back. */
export const holdStatuses = ['HELD', 'CONFIRMED', 'RELEASED'] as const;

/** Stock of one SKU held for one order. */
export const holdSchema = z.object({
  orderId: z.uuid(),
  sku: z.string().check(z.minLength(1), z.maxLength(64)),
  quantity: z.int().check(z.minimum(1)),
  status: z.enum(holdStatuses),
  /** Epoch seconds; DynamoDB TTL deletes a HELD hold after it (confirm and release remove it). */
  expiresAt: z.optional(z.int()),
  version: z.int().check(z.minimum(1)),
});

export type Hold = z.output<typeof holdSchema>;

/** The Hold entity: PK `ORDER#<orderId>`, SK `HOLD#<sku>` (next to its order), TTL on `expiresAt`. */
export const HoldEntity = defineEntity({
  name: 'Hold',
  schema: holdSchema,
  key: { pk: (h: Pick<Hold, 'orderId' | 'sku'>) => `ORDER#${h.orderId}`, sk: (h) => `HOLD#${h.sku}` },
  ttlAttribute: 'expiresAt',
});

/** How long stock stays held for an order that has not been paid (seconds). */
export const HOLD_SECONDS = 15 * 60;
