import * as v from 'valibot';
import { defineEntity } from './defineEntity';

/** A small entity used by the repository's own tests. */
export const widgetSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  owner: v.pipe(v.string(), v.minLength(1)),
  label: v.pipe(v.string(), v.maxLength(20)),
  size: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  version: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
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
