import { validationError } from '../errors';
import { compareScalars } from '../values/compareValues';
import { typeOf } from '../values/AttributeValue';
import { validateAttributeValue } from '../values/validateItem';
import type { ConditionNode, PathNode, ProjectionNode, UpdateAction, UpdateNode, ValueNode } from '../expressions/ast';
import type { OperationInput } from './input';

/** The pre-expression ("legacy") request parameters older code still sends. */
export type LegacyParameter = 'Expected' | 'ConditionalOperator' | 'AttributeUpdates' | 'KeyConditions' | 'QueryFilter' | 'ScanFilter' | 'AttributesToGet';

const INVALID = 'One or more parameter values were invalid: ';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const path = (name: string): PathNode => ({ type: 'path', elements: [{ kind: 'name', name }] });
const value = (v: unknown): ValueNode => ({ type: 'value', placeholder: '', value: validateAttributeValue(v) });

type Builder = (p: PathNode, values: ValueNode[]) => ConditionNode;
const compare =
  (operator: '=' | '<>' | '<' | '<=' | '>' | '>='): Builder =>
  (p, [v]) => ({ type: 'compare', operator, left: p, right: v as ValueNode });

/** Legacy comparison operators as the same condition trees the expression parser builds, with their operand counts and types. */
const OPERATORS: Record<string, { build: Builder; count: (n: number) => boolean; types?: readonly string[] }> = {
  // "EQ is supported for all data types, including lists and maps", NE likewise (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Condition.html).
  EQ: { build: compare('='), count: (n) => n === 1 },
  NE: { build: compare('<>'), count: (n) => n === 1 },
  LE: { build: compare('<='), count: (n) => n === 1, types: ['S', 'N', 'B'] },
  LT: { build: compare('<'), count: (n) => n === 1, types: ['S', 'N', 'B'] },
  GE: { build: compare('>='), count: (n) => n === 1, types: ['S', 'N', 'B'] },
  GT: { build: compare('>'), count: (n) => n === 1, types: ['S', 'N', 'B'] },
  NULL: { build: (p) => ({ type: 'function', name: 'attribute_not_exists', args: [p] }), count: (n) => n === 0 },
  NOT_NULL: { build: (p) => ({ type: 'function', name: 'attribute_exists', args: [p] }), count: (n) => n === 0 },
  CONTAINS: { build: (p, [v]) => ({ type: 'function', name: 'contains', args: [p, v as ValueNode] }), count: (n) => n === 1, types: ['S', 'N', 'B'] },
  NOT_CONTAINS: {
    build: (p, [v]) => ({ type: 'not', operand: { type: 'function', name: 'contains', args: [p, v as ValueNode] } }),
    count: (n) => n === 1,
    types: ['S', 'N', 'B'],
  },
  BEGINS_WITH: { build: (p, [v]) => ({ type: 'function', name: 'begins_with', args: [p, v as ValueNode] }), count: (n) => n === 1, types: ['S', 'B'] },
  IN: { build: (p, values) => ({ type: 'in', operand: p, list: values }), count: (n) => n >= 1, types: ['S', 'N', 'B'] },
  BETWEEN: { build: (p, [low, high]) => ({ type: 'between', operand: p, low: low as ValueNode, high: high as ValueNode }), count: (n) => n === 2, types: ['S', 'N', 'B'] },
};

/** Operators a legacy KeyConditions entry may use. */
const KEY_OPERATORS = new Set(['EQ', 'LE', 'LT', 'GE', 'GT', 'BEGINS_WITH', 'BETWEEN']);

function comparison(name: string, operator: unknown, list: unknown[]): ConditionNode {
  const spec = typeof operator === 'string' && Object.hasOwn(OPERATORS, operator) ? OPERATORS[operator] : undefined;
  if (!spec) throw validationError(`1 validation error detected: Value '${String(operator)}' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [${Object.keys(OPERATORS).join(', ')}]`);
  const values = list.map(value);
  if (!spec.count(values.length)) throw validationError(`${INVALID}Invalid number of argument(s) for the ${String(operator)} ComparisonOperator`);
  const first = values[0];
  if (first && values.some((v) => typeOf(v.value) !== typeOf(first.value))) throw validationError(`${INVALID}AttributeValues inside AttributeValueList must be of same type`);
  for (const v of values) {
    if (spec.types && !spec.types.includes(typeOf(v.value))) throw validationError(`${INVALID}ComparisonOperator ${String(operator)} is not valid for ${typeOf(v.value)} AttributeValue type`);
  }
  const [low, high] = values;
  if (operator === 'BETWEEN' && low && high && (compareScalars(low.value, high.value) ?? 0) > 0) {
    throw validationError('The BETWEEN condition was provided a range where the lower bound is greater than the upper bound');
  }
  return spec.build(path(name), values);
}

function combine(nodes: ConditionNode[], operator: 'AND' | 'OR'): ConditionNode | undefined {
  return nodes.reduce<ConditionNode | undefined>((left, right) => (left ? { type: operator === 'AND' ? 'and' : 'or', left, right } : right), undefined);
}

function conditionalOperatorOf(input: OperationInput): 'AND' | 'OR' {
  const op = input.ConditionalOperator ?? 'AND';
  if (op !== 'AND' && op !== 'OR') throw validationError(`1 validation error detected: Value '${String(op)}' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [AND, OR]`);
  return op;
}

function conditionMap(input: OperationInput, key: 'KeyConditions' | 'QueryFilter' | 'ScanFilter', operator: 'AND' | 'OR'): ConditionNode | undefined {
  const map = input[key];
  if (map === undefined || map === null) return undefined;
  if (!isRecord(map)) throw validationError(`${INVALID}${key} must be a map`);
  const nodes = Object.entries(map).map(([name, condition]) => {
    const c = isRecord(condition) ? condition : {};
    if (key === 'KeyConditions' && !KEY_OPERATORS.has(String(c.ComparisonOperator))) throw validationError('Attempted conditional constraint is not an indexable operation');
    return comparison(name, c.ComparisonOperator, Array.isArray(c.AttributeValueList) ? c.AttributeValueList : []);
  });
  return combine(nodes, operator);
}

function expectedEntry(name: string, c: Record<string, unknown>): ConditionNode {
  if ('AttributeValueList' in c && 'Value' in c) throw validationError(`${INVALID}Value and AttributeValueList cannot be used together for Attribute: ${name}`);
  if (c.ComparisonOperator !== undefined) {
    if (c.Exists !== undefined) throw validationError(`${INVALID}Exists and ComparisonOperator cannot be used together for Attribute: ${name}`);
    const list = Array.isArray(c.AttributeValueList) ? c.AttributeValueList : c.Value !== undefined ? [c.Value] : [];
    if (list.length === 0 && c.ComparisonOperator !== 'NULL' && c.ComparisonOperator !== 'NOT_NULL') {
      throw validationError(`${INVALID}Value or AttributeValueList must be used with ComparisonOperator: ${String(c.ComparisonOperator)} for Attribute: ${name}`);
    }
    return comparison(name, c.ComparisonOperator, list);
  }
  if ('AttributeValueList' in c) throw validationError(`${INVALID}AttributeValueList can only be used with a ComparisonOperator for Attribute: ${name}`);
  const exists = c.Exists === undefined || c.Exists === null || c.Exists === true;
  if (exists && (c.Value === undefined || c.Value === null)) {
    throw validationError(`${INVALID}Value must be provided when Exists is ${c.Exists === undefined || c.Exists === null ? 'null' : String(c.Exists)} for Attribute: ${name}`);
  }
  if (!exists && c.Value !== undefined && c.Value !== null) throw validationError(`${INVALID}Value cannot be used when Exists is false for Attribute: ${name}`);
  return exists ? compare('=')(path(name), [value(c.Value)]) : { type: 'function', name: 'attribute_not_exists', args: [path(name)] };
}

/**
 * `Expected` (+ `ConditionalOperator`) as a condition tree
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.Expected.html).
 */
export function legacyExpected(input: OperationInput): ConditionNode | undefined {
  const expected = input.Expected;
  if (expected === undefined || expected === null) return undefined;
  if (!isRecord(expected)) throw validationError(`${INVALID}Expected must be a map`);
  const operator = conditionalOperatorOf(input);
  // Ours (AWS's text for an empty Expected was not found; listed in local-runtime/README.md).
  if (Object.keys(expected).length === 0) throw validationError(`${INVALID}Expected must not be empty`);
  return combine(
    Object.entries(expected).map(([name, c]) => expectedEntry(name, isRecord(c) ? c : {})),
    operator,
  );
}

/** `KeyConditions` as a key condition tree (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.KeyConditions.html). */
export function legacyKeyConditions(input: OperationInput): ConditionNode | undefined {
  return conditionMap(input, 'KeyConditions', 'AND');
}

/** `QueryFilter` / `ScanFilter` (+ `ConditionalOperator`) as a filter tree. */
export function legacyFilter(input: OperationInput, key: 'QueryFilter' | 'ScanFilter'): ConditionNode | undefined {
  return conditionMap(input, key, conditionalOperatorOf(input));
}

/** `AttributesToGet` as a projection of top-level attributes (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.AttributesToGet.html). */
export function legacyAttributesToGet(input: OperationInput): ProjectionNode | undefined {
  const list = input.AttributesToGet;
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list) || list.some((n) => typeof n !== 'string')) throw validationError(`${INVALID}AttributesToGet must be a list of strings`);
  const seen = new Set<string>();
  for (const name of list as string[]) {
    if (seen.has(name)) throw validationError(`${INVALID}Duplicate value in attribute name: ${name}`);
    seen.add(name);
  }
  return { paths: (list as string[]).map(path) };
}

const UPDATE_ACTIONS: Record<string, (name: string, v: unknown) => UpdateAction> = {
  PUT: (name, v) => {
    if (v === undefined || v === null) throw validationError(`${INVALID}Only DELETE action is allowed when no attribute value is specified`);
    return { action: 'SET', path: path(name), value: value(v) };
  },
  DELETE: (name, v) => (v === undefined || v === null ? { action: 'REMOVE', path: path(name) } : { action: 'DELETE', path: path(name), value: value(v) }),
  ADD: (name, v) => {
    if (v === undefined || v === null) throw validationError(`${INVALID}Only DELETE action is allowed when no attribute value is specified`);
    return { action: 'ADD', path: path(name), value: value(v) };
  },
};

/** `AttributeUpdates` as update actions (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.AttributeUpdates.html). */
export function legacyAttributeUpdates(input: OperationInput): UpdateNode | undefined {
  const updates = input.AttributeUpdates;
  if (updates === undefined || updates === null) return undefined;
  if (!isRecord(updates)) throw validationError(`${INVALID}AttributeUpdates must be a map`);
  const actions = Object.entries(updates).map(([name, u]) => {
    const update = isRecord(u) ? u : {};
    const action = update.Action ?? 'PUT';
    const build = typeof action === 'string' && Object.hasOwn(UPDATE_ACTIONS, action) ? UPDATE_ACTIONS[action] : undefined;
    if (!build) throw validationError(`1 validation error detected: Value '${String(action)}' at 'attributeUpdates.${name}.member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, PUT, DELETE]`);
    return build(name, update.Value);
  });
  return { actions };
}

/**
 * ConditionalOperator joins the conditions of Expected, QueryFilter or ScanFilter: without any of them it is an error
 * (the text of AWS's DAX client, whose request validation mirrors DynamoDB's).
 */
export function assertConditionalOperatorHasConditions(input: OperationInput, legacy: readonly LegacyParameter[]): void {
  if (!present(input, 'ConditionalOperator')) return;
  conditionalOperatorOf(input);
  for (const k of ['Expected', 'QueryFilter', 'ScanFilter'] as const) if (legacy.includes(k) && present(input, k)) return;
  throw validationError('ConditionalOperator cannot be used without Filter or Expected');
}

function present(input: OperationInput, k: string): boolean {
  return input[k] !== undefined && input[k] !== null;
}

/**
 * Reject requests that mix expression and legacy parameters, with AWS's message. As on AWS, KeyConditions may
 * accompany a FilterExpression/ProjectionExpression when no KeyConditionExpression is given.
 */
export function assertNotMixed(input: OperationInput, expressionParams: readonly string[], legacyParams: readonly LegacyParameter[]): void {
  // Loops, not filter callbacks: this runs on every request (mostly to find nothing).
  const expressions: string[] = [];
  for (const k of expressionParams) if (present(input, k)) expressions.push(k);
  if (expressions.length === 0) return;
  const legacy: string[] = [];
  for (const k of legacyParams) if (present(input, k) && !(k === 'KeyConditions' && !present(input, 'KeyConditionExpression'))) legacy.push(k);
  if (legacy.length === 0) return;
  throw validationError(
    `Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {${legacy.join(', ')}} Expression parameters: {${expressions.join(', ')}}`,
  );
}
