import * as v from 'valibot';
import { defineEntity } from '../../lib/repository/defineEntity';

/** HELD: stock taken, `expiresAt` set (TTL). CONFIRMED: sold. RELEASED: stock given back. */
export const holdStatuses = ['HELD', 'CONFIRMED', 'RELEASED'] as const;

/** Stock of one SKU held for one order. */
export const holdSchema = v.object({
  orderId: v.pipe(v.string(), v.uuid()),
  sku: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  quantity: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  status: v.picklist(holdStatuses),
  /** Epoch seconds; DynamoDB TTL deletes a HELD hold after it (confirm and release remove it). */
  expiresAt: v.optional(v.pipe(v.number(), v.safeInteger())),
  version: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
});

export type Hold = v.InferOutput<typeof holdSchema>;

/** The Hold entity: PK `ORDER#<orderId>`, SK `HOLD#<sku>` (next to its order), TTL on `expiresAt`. */
export const HoldEntity = defineEntity({
  name: 'Hold',
  schema: holdSchema,
  key: { pk: (h: Pick<Hold, 'orderId' | 'sku'>) => `ORDER#${h.orderId}`, sk: (h) => `HOLD#${h.sku}` },
  ttlAttribute: 'expiresAt',
});

/** How long stock stays held for an order that has not been paid (seconds). */
export const HOLD_SECONDS = 15 * 60;
