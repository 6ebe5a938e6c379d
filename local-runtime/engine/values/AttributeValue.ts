import type { WireAttributeValue, WireItem } from '../streams/types';

export type { WireAttributeValue, WireItem };

/** The ten DynamoDB type descriptors. */
export type TypeDescriptor = 'S' | 'N' | 'B' | 'BOOL' | 'NULL' | 'M' | 'L' | 'SS' | 'NS' | 'BS';

export const TYPE_DESCRIPTORS: readonly TypeDescriptor[] = ['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS'];

/** Type descriptor of a (validated) attribute value. */
export function typeOf(value: WireAttributeValue): TypeDescriptor {
  // The first own key, without allocating Object.keys' array (validated values have exactly one).
  for (const key in value) return key as TypeDescriptor;
  return undefined as unknown as TypeDescriptor;
}

/** The payload of a value of a known type, e.g. `payload({ S: 'x' })` → `'x'`. */
export function payload(value: WireAttributeValue): unknown {
  return (value as Record<string, unknown>)[typeOf(value)];
}

/** Deep copy of plain JSON data (objects, arrays, primitives), e.g. a stream record. */
export function cloneJson<T>(value: T): T;
export function cloneJson(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const list = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i += 1) list[i] = cloneJson(value[i]);
    return list;
  }
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const copy = cloneJson((value as Record<string, unknown>)[key]);
    if (key === '__proto__') Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
    else out[key] = copy;
  }
  return out;
}

/**
 * Deep copy of an item or value (plain JSON). Hand-rolled rather than structuredClone, which dominated reads:
 * strings are immutable, so only objects and arrays are copied.
 */
export function cloneItem<T extends WireItem | WireAttributeValue>(item: T): T {
  return cloneJson(item) as T;
}
