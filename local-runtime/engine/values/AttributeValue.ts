import type { WireAttributeValue, WireItem } from '../streams/types';

export type { WireAttributeValue, WireItem };

/** The ten DynamoDB type descriptors. */
export type TypeDescriptor = 'S' | 'N' | 'B' | 'BOOL' | 'NULL' | 'M' | 'L' | 'SS' | 'NS' | 'BS';

export const TYPE_DESCRIPTORS: readonly TypeDescriptor[] = ['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS'];

/** Type descriptor of a (validated) attribute value. */
export function typeOf(value: WireAttributeValue): TypeDescriptor {
  return Object.keys(value)[0] as TypeDescriptor;
}

/** The payload of a value of a known type, e.g. `payload({ S: 'x' })` → `'x'`. */
export function payload(value: WireAttributeValue): unknown {
  return (value as Record<string, unknown>)[typeOf(value)];
}

/** Deep copy of an item (values are plain JSON). */
export function cloneItem<T extends WireItem | WireAttributeValue>(item: T): T {
  return structuredClone(item);
}
