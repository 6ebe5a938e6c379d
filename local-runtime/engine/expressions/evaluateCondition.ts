import { validationError } from '../errors';
import { compareScalars, valuesEqual } from '../values/compareValues';
import { TYPE_DESCRIPTORS, typeOf } from '../values/AttributeValue';
import { getPath } from './documentPath';
import type { WireAttributeValue, WireItem } from '../values/AttributeValue';
import type { Comparator, ConditionFunction, ConditionNode, OperandNode } from './ast';
import type { ExpressionKind } from './TokenStream';

type Value = WireAttributeValue | undefined;

/** size() by type; lists and sets count their elements. */
const SIZES: Record<string, (inner: unknown) => number> = {
  S: (inner) => [...(inner as string)].length,
  B: (inner) => Buffer.from(inner as string, 'base64').length,
  M: (inner) => Object.keys(inner as object).length,
};

function sizeOf(value: Value): Value {
  if (value === undefined) return undefined;
  const type = typeOf(value);
  const inner = (value as Record<string, unknown>)[type];
  const size = SIZES[type] ?? (Array.isArray(inner) ? (list: unknown) => (list as unknown[]).length : undefined);
  return size ? { N: String(size(inner)) } : undefined;
}

/** Value of an operand against an item (undefined when a path does not resolve). */
export function operandValue(item: WireItem, operand: OperandNode): Value {
  if (operand.type === 'path') return getPath(item, operand);
  if (operand.type === 'value') return operand.value;
  if (operand.type === 'size') return sizeOf(operand.target.type === 'path' ? getPath(item, operand.target) : operand.target.value);
  throw validationError(`Operand of type ${operand.type} is only valid in an update expression`);
}

const ORDERINGS: Record<Exclude<Comparator, '=' | '<>'>, (c: number) => boolean> = {
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
};

function compare(operator: Comparator, left: Value, right: Value): boolean {
  if (operator === '=') return left !== undefined && right !== undefined && valuesEqual(left, right);
  if (operator === '<>') return !(left !== undefined && right !== undefined && valuesEqual(left, right));
  if (left === undefined || right === undefined) return false;
  const c = compareScalars(left, right);
  return c !== undefined && ORDERINGS[operator](c);
}

function show(value: WireAttributeValue): string {
  const type = typeOf(value);
  return `{${type}:${String((value as Record<string, unknown>)[type])}}`;
}

function startsWith(target: Value, prefix: Value): boolean {
  if (target === undefined || prefix === undefined) return false;
  if ('S' in target && 'S' in prefix) return target.S.startsWith(prefix.S);
  if ('B' in target && 'B' in prefix) {
    const t = Buffer.from(target.B, 'base64');
    const p = Buffer.from(prefix.B, 'base64');
    return t.subarray(0, p.length).equals(p);
  }
  return false;
}

function contains(target: Value, operand: Value): boolean {
  if (target === undefined || operand === undefined) return false;
  if ('S' in target) return 'S' in operand && target.S.includes(operand.S);
  // Binary values contain byte sequences (compared as bytes, not as base64 text).
  if ('B' in target) return 'B' in operand && Buffer.from(target.B, 'base64').includes(Buffer.from(operand.B, 'base64'));
  if ('SS' in target) return 'S' in operand && target.SS.includes(operand.S);
  if ('NS' in target) return 'N' in operand && target.NS.some((n) => valuesEqual({ N: n }, operand));
  if ('BS' in target) return 'B' in operand && target.BS.some((b) => valuesEqual({ B: b }, operand));
  if ('L' in target) return target.L.some((e) => valuesEqual(e, operand));
  return false;
}

/**
 * Evaluates condition trees against one item. `kind` only words error messages.
 * Semantics: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
 */
export class ConditionEvaluator {
  constructor(readonly kind: ExpressionKind) {}

  readonly #functions: Record<ConditionFunction, (item: WireItem, args: OperandNode[]) => boolean> = {
    attribute_exists: (item, [path]) => operandValue(item, path as OperandNode) !== undefined,
    attribute_not_exists: (item, [path]) => operandValue(item, path as OperandNode) === undefined,
    attribute_type: (item, [path, type]) => {
      const wanted = operandValue(item, type as OperandNode);
      if (wanted === undefined || !('S' in wanted) || !(TYPE_DESCRIPTORS as readonly string[]).includes(wanted.S)) {
        const shown = wanted && 'S' in wanted ? wanted.S : wanted ? show(wanted) : '';
        throw validationError(`Invalid ${this.kind}: Invalid attribute type name found; type: ${shown}, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}`);
      }
      const actual = operandValue(item, path as OperandNode);
      return actual !== undefined && typeOf(actual) === wanted.S;
    },
    begins_with: (item, [a, b]) => startsWith(operandValue(item, a as OperandNode), operandValue(item, b as OperandNode)),
    contains: (item, [a, b]) => contains(operandValue(item, a as OperandNode), operandValue(item, b as OperandNode)),
  };

  /** Whether `node` holds for `item` (an empty item `{}` when the item does not exist). */
  evaluate(node: ConditionNode, item: WireItem): boolean {
    switch (node.type) {
      case 'and':
        return this.evaluate(node.left, item) && this.evaluate(node.right, item);
      case 'or':
        return this.evaluate(node.left, item) || this.evaluate(node.right, item);
      case 'not':
        return !this.evaluate(node.operand, item);
      case 'compare':
        return compare(node.operator, operandValue(item, node.left), operandValue(item, node.right));
      case 'between':
        return this.#between(item, node.operand, node.low, node.high);
      case 'in': {
        const value = operandValue(item, node.operand);
        return node.list.some((candidate) => compare('=', value, operandValue(item, candidate)));
      }
      case 'function':
        return this.#functions[node.name](item, node.args);
    }
  }

  #between(item: WireItem, operand: OperandNode, lowNode: OperandNode, highNode: OperandNode): boolean {
    const low = operandValue(item, lowNode);
    const high = operandValue(item, highNode);
    if (low !== undefined && high !== undefined && (compareScalars(low, high) ?? 0) > 0) {
      throw validationError(
        `Invalid ${this.kind}: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: ${show(low)}, upper bound operand: AttributeValue: ${show(high)}`,
      );
    }
    const value = operandValue(item, operand);
    return compare('>=', value, low) && compare('<=', value, high);
  }
}
