/** An event as dotted leaf paths → the leaf values found there (arrays contribute every element). */
export type FlatEvent = Map<string, unknown[]>;

/** Flattens an event for pattern matching: `{a: {b: [1, 2]}}` → `a.b → [1, 2]`. Objects are not leaves. */
export function flattenEvent(event: unknown): FlatEvent {
  const flat: FlatEvent = new Map();
  visit(event, '', flat);
  return flat;
}

function visit(value: unknown, path: string, flat: FlatEvent): void {
  if (Array.isArray(value)) {
    for (const element of value) visit(element, path, flat);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) visit(child, path === '' ? key : `${path}.${key}`, flat);
  } else if (path !== '') {
    const list = flat.get(path);
    if (list === undefined) flat.set(path, [value]);
    else list.push(value);
  }
}
