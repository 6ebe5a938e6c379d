import * as z from 'zod';
import { defineEntity } from './defineEntity';

/** A small entity used by the repository's own tests. */
export const widgetSchema = z.object({
  id: z.string().min(1),
  owner: z.string().min(1),
  label: z.string().max(20),
  size: z.int().min(0),
  version: z.int().min(1),
});

export const Widget = defineEntity({
  name: 'Widget',
  schema: widgetSchema,
  key: { pk: (w: { id: string }) => `WIDGET#${w.id}`, sk: () => 'WIDGET' },
  indexes: {
    GSI1: { pk: (w) => `OWNER#${w.owner}`, sk: (w) => `WIDGET#${w.id}` },
    GSI2: { pk: (w) => (w.size > 10 ? 'BIG' : undefined), sk: (w) => w.id },
  },
});

export const aWidget = { id: 'w1', owner: 'ann', label: 'blue', size: 3, version: 1 };
