import { cloneItem } from '../values/AttributeValue';
import { defineAttribute, ownValue } from '../values/attributeAccess';
import { getPath } from './documentPath';
import type { WireAttributeValue, WireItem } from '../values/AttributeValue';
import type { PathNode } from './ast';

type Node = { kind: 'leaf'; value: WireAttributeValue } | { kind: 'map'; children: Map<string, Node> } | { kind: 'list'; children: Map<number, Node> };

function insert(root: Map<string, Node>, path: PathNode, value: WireAttributeValue): void {
  let children: Map<string | number, Node> = root as Map<string | number, Node>;
  path.elements.forEach((element, i) => {
    const key = element.kind === 'name' ? element.name : element.index;
    const isLast = i === path.elements.length - 1;
    const existing = children.get(key);
    if (isLast || existing?.kind === 'leaf') {
      children.set(key, { kind: 'leaf', value });
      return;
    }
    const nextKind = (path.elements[i + 1] as { kind: string }).kind === 'name' ? 'map' : 'list';
    const node: Node = existing ?? (nextKind === 'map' ? { kind: 'map', children: new Map() } : { kind: 'list', children: new Map() });
    children.set(key, node);
    children = node.children as Map<string | number, Node>;
  });
}

function build(node: Node): WireAttributeValue {
  if (node.kind === 'leaf') return cloneItem(node.value);
  if (node.kind === 'map') return { M: Object.fromEntries([...node.children].map(([k, v]) => [k, build(v)])) };
  return { L: [...node.children].sort(([a], [b]) => a - b).map(([, v]) => build(v)) };
}

/**
 * Keep only the given document paths of an item (ProjectionExpression). Selected list elements keep their
 * relative order in a compacted list, as DynamoDB returns them.
 */
export function projectItem(item: WireItem, paths: PathNode[]): WireItem {
  // Top-level names only (the usual projection): copy those attributes, in path order, without the tree.
  if (paths.every((path) => path.elements.length === 1 && path.elements[0]?.kind === 'name')) {
    const out: WireItem = {};
    for (const path of paths) {
      const name = (path.elements[0] as { name: string }).name;
      const value = ownValue(item, name, item[name]);
      if (value === undefined) continue;
      if (name === '__proto__') defineAttribute(out, name, cloneItem(value));
      else out[name] = cloneItem(value);
    }
    return out;
  }
  const root = new Map<string, Node>();
  for (const path of paths) {
    const value = getPath(item, path);
    if (value !== undefined) insert(root, path, value);
  }
  return Object.fromEntries([...root].map(([k, v]) => [k, build(v)]));
}
