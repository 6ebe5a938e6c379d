import { ownValue } from '../values/attributeAccess';
import type { WireAttributeValue, WireItem } from '../values/AttributeValue';
import type { PathElement, PathNode } from './ast';

/** Step from a value into one path element; undefined when the element does not exist. */
export function step(value: WireAttributeValue | undefined, element: PathElement): WireAttributeValue | undefined {
  if (value === undefined) return undefined;
  if (element.kind === 'name') {
    if (!('M' in value)) return undefined;
    const map = value.M;
    return ownValue(map, element.name, map[element.name]);
  }
  return 'L' in value ? value.L[element.index] : undefined;
}

/** The value at a document path in an item, or undefined. */
export function getPath(item: WireItem, path: PathNode): WireAttributeValue | undefined {
  let current: WireAttributeValue | undefined = { M: item };
  for (const element of path.elements) current = step(current, element);
  return current;
}
