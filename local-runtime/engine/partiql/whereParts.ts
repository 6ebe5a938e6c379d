import { isValueExpr } from './attributeValueOf';
import type { KeySchema } from '../storage/keys';
import type { Expr } from './ast';

/** The AND-ed parts of a WHERE clause, left to right (a loop over the left spine: no recursion on long chains). */
export function conjuncts(where: Expr | undefined): Expr[] {
  const parts: Expr[] = [];
  let node = where;
  while (node?.kind === 'and') {
    parts.push(node.right);
    node = node.left;
  }
  if (node) parts.push(node);
  return parts.reverse();
}

/** Join parts with AND again (undefined for none). */
export function joined(parts: readonly Expr[]): Expr | undefined {
  let out: Expr | undefined;
  for (const part of parts) out = out ? { kind: 'and', left: out, right: part } : part;
  return out;
}

/** The name a part compares with a value by `=` when it is `name = value` or `value = name` on a top-level attribute. */
function equalityOn(part: Expr): { name: string; value: Expr } | undefined {
  if (part.kind !== 'compare' || part.op !== '=') return undefined;
  const { left, right } = part;
  if (left.kind === 'path' && left.steps.length === 0 && isValueExpr(right)) return { name: left.root, value: right };
  if (right.kind === 'path' && right.steps.length === 0 && isValueExpr(left)) return { name: right.root, value: left };
  return undefined;
}

/** A WHERE clause split into equalities on key attributes and everything else. */
export interface KeyedWhere {
  /** The value expression each key attribute found is equal to. */
  key: Map<string, Expr>;
  /** The other parts (conditions), in order. */
  rest: Expr[];
}

/** Take the first top-level `key = value` for each attribute of `schema` out of `where`. */
export function splitKey(where: Expr | undefined, schema: KeySchema): KeyedWhere {
  const names = [schema.hash.name, ...(schema.range ? [schema.range.name] : [])];
  const key = new Map<string, Expr>();
  const rest: Expr[] = [];
  for (const part of conjuncts(where)) {
    const equality = equalityOn(part);
    if (equality && names.includes(equality.name) && !key.has(equality.name)) key.set(equality.name, equality.value);
    else rest.push(part);
  }
  return { key, rest };
}

/** Whether a part can be a Query's sort key condition on `name` (=, <, <=, >, >=, BETWEEN, begins_with). */
export function isRangeCondition(part: Expr, name: string): boolean {
  const onName = (expr: Expr | undefined): boolean => expr?.kind === 'path' && expr.steps.length === 0 && expr.root === name;
  if (part.kind === 'compare') return part.op !== '<>' && ((onName(part.left) && isValueExpr(part.right)) || (onName(part.right) && isValueExpr(part.left)));
  if (part.kind === 'between') return onName(part.operand) && isValueExpr(part.low) && isValueExpr(part.high);
  if (part.kind === 'call') return part.name === 'begins_with' && part.args.length === 2 && onName(part.args[0]) && isValueExpr(part.args[1] as Expr);
  return false;
}
