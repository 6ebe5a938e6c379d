import type { ExpressionAttributes } from './ExpressionAttributes';
import type { ConditionNode, OperandNode, ProjectionNode, UpdateAction, UpdateNode, ValueNode } from './ast';
import type { ExpressionKind } from './TokenStream';
import type { WireAttributeValue } from '../values/AttributeValue';

/**
 * Trees of recently parsed expressions. Applications send the same few expressions again and again with new
 * values, so a tree is kept per expression text as a template: its `#name`s resolved, its `:value`s left empty.
 * A request reuses the template when its names resolve to the same attribute names and it defines every value
 * the expression uses; it then gets a copy with its own values. Paths are shared between requests: evaluation
 * only reads trees (they are not frozen: frozen nodes measurably slowed every evaluator reading them).
 * Anything else — a placeholder the request leaves undefined, names that resolve differently — is parsed
 * afresh, so every error is raised exactly as the parser raises it.
 */
interface Entry {
  /** `#name` and `:value` placeholders the expression resolves (the text alone decides which). */
  names: readonly string[];
  values: readonly string[];
  /** Template trees by the attribute names the `#name`s stand for (they decide paths, and path overlap errors). */
  byNames: Map<string, unknown>;
}

const MAX_TEXTS = 256;
const MAX_NAME_VARIANTS = 16;
const CACHES = new Map<ExpressionKind, Map<string, Entry>>();

type Resolve = (placeholder: string) => WireAttributeValue;

/** No value: what a template's value nodes hold (a request's copy gets its own). */
const EMPTY: WireAttributeValue = Object.freeze({ NULL: true }) as WireAttributeValue;
const empty: Resolve = () => EMPTY;

function value(node: ValueNode, resolve: Resolve): ValueNode {
  return { type: 'value', placeholder: node.placeholder, value: resolve(node.placeholder) };
}

function operand(node: OperandNode, resolve: Resolve): OperandNode {
  switch (node.type) {
    case 'path':
      return node;
    case 'size':
      return node.target.type === 'path' ? node : { type: 'size', target: value(node.target, resolve) };
    case 'value':
      return value(node, resolve);
    case 'if_not_exists':
      return { type: 'if_not_exists', path: node.path, fallback: operand(node.fallback, resolve) };
    case 'list_append':
      return { type: 'list_append', left: operand(node.left, resolve), right: operand(node.right, resolve) };
    case 'arithmetic':
      return { type: 'arithmetic', operator: node.operator, left: operand(node.left, resolve), right: operand(node.right, resolve) };
  }
}

/** A condition tree with its value nodes filled by `resolve`. */
export function conditionWith(node: ConditionNode, resolve: Resolve): ConditionNode {
  switch (node.type) {
    case 'compare':
      return { type: 'compare', operator: node.operator, left: operand(node.left, resolve), right: operand(node.right, resolve) };
    case 'between':
      return { type: 'between', operand: operand(node.operand, resolve), low: operand(node.low, resolve), high: operand(node.high, resolve) };
    case 'in':
      return { type: 'in', operand: operand(node.operand, resolve), list: node.list.map((item) => operand(item, resolve)) };
    case 'and':
      return { type: 'and', left: conditionWith(node.left, resolve), right: conditionWith(node.right, resolve) };
    case 'or':
      return { type: 'or', left: conditionWith(node.left, resolve), right: conditionWith(node.right, resolve) };
    case 'not':
      return { type: 'not', operand: conditionWith(node.operand, resolve) };
    case 'function':
      return { type: 'function', name: node.name, args: node.args.map((arg) => operand(arg, resolve)) };
  }
}

function actionWith(action: UpdateAction, resolve: Resolve): UpdateAction {
  switch (action.action) {
    case 'SET':
      return { action: 'SET', path: action.path, value: operand(action.value, resolve) };
    case 'REMOVE':
      return action;
    case 'ADD':
      return { action: 'ADD', path: action.path, value: value(action.value, resolve) };
    case 'DELETE':
      return { action: 'DELETE', path: action.path, value: value(action.value, resolve) };
  }
}

/** An update tree with its value nodes filled by `resolve`. */
export function updateWith(node: UpdateNode, resolve: Resolve): UpdateNode {
  return { actions: node.actions.map((action) => actionWith(action, resolve)) };
}

/** A projection has no values: the template itself serves every request. */
export function projectionWith(node: ProjectionNode): ProjectionNode {
  return node;
}

/**
 * The tree of `source` for this request: a copy of its template when one fits, else `parse()` (whose tree becomes
 * the template). `withValues` copies a tree, filling its value nodes.
 */
export function parseWithTemplates<T>(kind: ExpressionKind, source: string, attributes: ExpressionAttributes, parse: () => T, withValues: (tree: T, resolve: Resolve) => T): T {
  let cache = CACHES.get(kind);
  if (!cache) CACHES.set(kind, (cache = new Map()));
  const entry = cache.get(source);
  if (entry) {
    const names = attributes.resolvedNames(entry.names);
    const template = names !== undefined && attributes.definesValues(entry.values) ? entry.byNames.get(names) : undefined;
    if (template !== undefined) {
      attributes.markUsed(entry.names, entry.values);
      return withValues(template as T, attributes.resolveValue);
    }
  }
  const { result: tree, names, values } = attributes.tracing(parse);
  remember(cache, source, names, values, attributes.resolvedNames(names) as string, withValues(tree, empty));
  return tree;
}

function remember(cache: Map<string, Entry>, source: string, names: readonly string[], values: readonly string[], resolvedNames: string, tree: unknown): void {
  let entry = cache.get(source);
  if (!entry) {
    entry = { names, values, byNames: new Map() };
    cache.set(source, entry);
    if (cache.size > MAX_TEXTS) cache.delete(cache.keys().next().value as string);
  }
  entry.byNames.set(resolvedNames, tree);
  if (entry.byNames.size > MAX_NAME_VARIANTS) entry.byNames.delete(entry.byNames.keys().next().value as string);
}
