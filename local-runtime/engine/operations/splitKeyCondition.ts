import { validationError } from '../errors';
import { typeOf } from '../values/AttributeValue';
import type { Comparator, ConditionNode, OperandNode } from '../expressions/ast';
import type { KeySchema } from '../storage/keys';
import type { WireAttributeValue } from '../values/AttributeValue';

const INVALID = 'Invalid KeyConditionExpression: ';

function attributeName(operand: OperandNode): string | undefined {
  if (operand.type !== 'path') return undefined;
  if (operand.elements.length !== 1 || operand.elements[0]?.kind !== 'name') throw validationError('KeyConditionExpressions cannot have conditions on nested attributes');
  return operand.elements[0].name;
}

function conjuncts(node: ConditionNode): ConditionNode[] {
  if (node.type === 'and') return [...conjuncts(node.left), ...conjuncts(node.right)];
  if (node.type === 'or' || node.type === 'not') throw validationError(`Invalid operator used in KeyConditionExpression: ${node.type.toUpperCase()}`);
  if (node.type === 'in') throw validationError('Invalid operator used in KeyConditionExpression: IN');
  return [node];
}

/** A comparison read from the other side: `:v < sk` is `sk > :v`. */
const MIRRORED: Record<Comparator, Comparator> = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/**
 * The key attribute a single key condition constrains, the values it compares with, and the condition with the key
 * attribute on the left (AWS accepts the value on either side of a comparison: `:v < sk`).
 */
function constrained(node: ConditionNode): { name: string; values: OperandNode[]; operator: string; node: ConditionNode } {
  if (node.type === 'compare') {
    if (node.operator === '<>') throw validationError('Invalid operator used in KeyConditionExpression: <>');
    const left = attributeName(node.left);
    if (left !== undefined) return { name: left, values: [node.right], operator: node.operator, node };
    const right = attributeName(node.right);
    if (right !== undefined) {
      const operator = MIRRORED[node.operator];
      return { name: right, values: [node.left], operator, node: { type: 'compare', operator, left: node.right, right: node.left } };
    }
    throw validationError(`${INVALID}Syntax error; the key condition must compare a key attribute with a value`);
  }
  if (node.type === 'between') {
    const name = attributeName(node.operand);
    if (name !== undefined) return { name, values: [node.low, node.high], operator: 'BETWEEN', node };
  }
  if (node.type === 'function') {
    if (node.name !== 'begins_with') throw validationError(`Invalid operator used in KeyConditionExpression: ${node.name}`);
    const name = attributeName(node.args[0] as OperandNode);
    if (name !== undefined) return { name, values: [node.args[1] as OperandNode], operator: 'begins_with', node };
  }
  throw validationError('Query key condition not supported');
}

/**
 * Split a key condition into the partition key value (`=` only) and the optional sort key condition,
 * enforcing DynamoDB's rules (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html).
 */
export function splitKeyCondition(tree: ConditionNode, schema: KeySchema): { hashValue: WireAttributeValue; range: ConditionNode | undefined } {
  const parts = conjuncts(tree);
  if (parts.length > 2) throw validationError('KeyConditionExpressions must only contain one condition per key');
  let hashValue: WireAttributeValue | undefined;
  let range: ConditionNode | undefined;
  for (const part of parts) {
    const { name, values, operator, node } = constrained(part);
    const key = name === schema.hash.name ? schema.hash : name === schema.range?.name ? schema.range : undefined;
    if (!key) throw validationError(`Query condition missed key schema element: ${parts.length === 1 || hashValue ? (schema.range?.name ?? schema.hash.name) : schema.hash.name}`);
    for (const value of values) {
      if (value.type !== 'value') throw validationError(`${INVALID}Syntax error; key conditions compare a key attribute with an expression attribute value`);
      if (typeOf(value.value) !== key.type) {
        if (operator === 'begins_with') {
          throw validationError(`${INVALID}Incorrect operand type for operator or function; operator or function: begins_with, operand type: ${typeOf(value.value)}`);
        }
        throw validationError('One or more parameter values were invalid: Condition parameter type does not match schema type');
      }
    }
    if (key === schema.hash) {
      if (operator !== '=' || hashValue) throw validationError(hashValue ? 'KeyConditionExpressions must only contain one condition per key' : 'Query key condition not supported');
      hashValue = (values[0] as { value: WireAttributeValue }).value;
    } else {
      if (range) throw validationError('KeyConditionExpressions must only contain one condition per key');
      if (operator === 'begins_with' && key.type === 'N') {
        throw validationError(`${INVALID}Incorrect operand type for operator or function; operator or function: begins_with, operand type: N`);
      }
      range = node;
    }
  }
  if (!hashValue) throw validationError(`Query condition missed key schema element: ${schema.hash.name}`);
  return { hashValue, range };
}

/** The top-level attribute names a condition tree reads. */
function pathHeads(tree: ConditionNode): Set<string> {
  const heads = new Set<string>();
  const visit = (operand: OperandNode): void => {
    if (operand.type === 'path') heads.add((operand.elements[0] as { name: string }).name);
    else if (operand.type === 'size' && operand.target.type === 'path') visit(operand.target);
  };
  const stack: ConditionNode[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as ConditionNode;
    if (node.type === 'and' || node.type === 'or') stack.push(node.left, node.right);
    else if (node.type === 'not') stack.push(node.operand);
    else if (node.type === 'compare') [node.left, node.right].forEach(visit);
    else if (node.type === 'between') [node.operand, node.low, node.high].forEach(visit);
    else if (node.type === 'in') [node.operand, ...node.list].forEach(visit);
    else node.args.forEach(visit);
  }
  return heads;
}

/**
 * A Query's filter may not read the key attributes of the table or index queried (they belong in the key
 * condition); AWS's text as dynalite's test/query.js records it ("Filter Expression" or "QueryFilter").
 */
export function assertFilterAvoidsKeys(filter: ConditionNode | undefined, schema: KeySchema, legacy: boolean): void {
  if (filter === undefined) return;
  const heads = pathHeads(filter);
  for (const key of schema.range ? [schema.hash, schema.range] : [schema.hash]) {
    if (heads.has(key.name)) throw validationError(`${legacy ? 'QueryFilter' : 'Filter Expression'} can only contain non-primary key attributes: Primary key attribute: ${key.name}`);
  }
}
