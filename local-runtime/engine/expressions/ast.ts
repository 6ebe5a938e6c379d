import type { WireAttributeValue } from '../values/AttributeValue';

/** One step of a document path: a map key or a list index. */
export type PathElement = { kind: 'name'; name: string } | { kind: 'index'; index: number };

/** A document path such as `a.b[2].c`, with placeholders already substituted. */
export interface PathNode {
  type: 'path';
  elements: PathElement[];
}

export interface ValueNode {
  type: 'value';
  /** The `:placeholder` it came from (for messages). */
  placeholder: string;
  value: WireAttributeValue;
}

/** `size(operand)`: of a path, or of a `:value` (AWS accepts both in conditions). */
export interface SizeNode {
  type: 'size';
  target: PathNode | ValueNode;
}

/** Operands of update `SET` actions. */
export interface IfNotExistsNode {
  type: 'if_not_exists';
  path: PathNode;
  fallback: OperandNode;
}
export interface ListAppendNode {
  type: 'list_append';
  left: OperandNode;
  right: OperandNode;
}
export interface ArithmeticNode {
  type: 'arithmetic';
  operator: '+' | '-';
  left: OperandNode;
  right: OperandNode;
}

export type OperandNode = PathNode | ValueNode | SizeNode | IfNotExistsNode | ListAppendNode | ArithmeticNode;

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type ConditionNode =
  | { type: 'compare'; operator: Comparator; left: OperandNode; right: OperandNode }
  | { type: 'between'; operand: OperandNode; low: OperandNode; high: OperandNode }
  | { type: 'in'; operand: OperandNode; list: OperandNode[] }
  | { type: 'and'; left: ConditionNode; right: ConditionNode }
  | { type: 'or'; left: ConditionNode; right: ConditionNode }
  | { type: 'not'; operand: ConditionNode }
  | { type: 'function'; name: ConditionFunction; args: OperandNode[] };

export type ConditionFunction = 'attribute_exists' | 'attribute_not_exists' | 'attribute_type' | 'begins_with' | 'contains';

export type UpdateAction =
  | { action: 'SET'; path: PathNode; value: OperandNode }
  | { action: 'REMOVE'; path: PathNode }
  | { action: 'ADD'; path: PathNode; value: ValueNode }
  | { action: 'DELETE'; path: PathNode; value: ValueNode };

/** A parsed UpdateExpression: actions in source order. */
export interface UpdateNode {
  actions: UpdateAction[];
}

/** A parsed ProjectionExpression. */
export interface ProjectionNode {
  paths: PathNode[];
}

/** Render a path as AWS prints it in messages, e.g. `[a, b, [2]]`. */
export function describePath(path: PathNode): string {
  return `[${path.elements.map((e) => (e.kind === 'name' ? e.name : `[${e.index}]`)).join(', ')}]`;
}
