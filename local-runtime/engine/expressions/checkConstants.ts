import { validationError } from '../errors';
import { compareScalars } from '../values/compareValues';
import { TYPE_DESCRIPTORS, typeOf } from '../values/AttributeValue';
import type { WireAttributeValue } from '../values/AttributeValue';
import type { ConditionNode, OperandNode, UpdateNode } from './ast';
import type { ExpressionKind } from './TokenStream';

/**
 * Checks that depend on the request's `:values` (so they run once per request on its resolved tree, never per item,
 * and before any item is read): constants of a type an operator or function cannot take, comparisons of two
 * constants, BETWEEN bounds. AWS's texts as recorded by dynalite's test/scan.js and test/updateItem.js.
 */

/** The type an operand is known to have before any item is read: a constant's, or N for size(); undefined for paths. */
function staticType(operand: OperandNode | undefined): string | undefined {
  if (operand?.type === 'value') return typeOf(operand.value);
  if (operand?.type === 'size') return 'N';
  return undefined;
}

function show(value: WireAttributeValue): string {
  const type = typeOf(value);
  return `{${type}:${String((value as Record<string, unknown>)[type])}}`;
}

/** Sizes exist for strings, binaries, sets, lists and maps (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html#Expressions.OperatorsAndFunctions.Functions). */
const NO_SIZE = new Set(['N', 'BOOL', 'NULL']);

type Fail = (message: string) => never;

function checkOperand(fail: Fail, operand: OperandNode): void {
  if (operand.type !== 'size' || operand.target.type !== 'value') return;
  const type = typeOf(operand.target.value);
  if (NO_SIZE.has(type)) fail(`Incorrect operand type for operator or function; operator or function: size, operand type: ${type}`);
}

function checkBetween(fail: Fail, low: OperandNode, high: OperandNode): void {
  if (low.type !== 'value' || high.type !== 'value') return;
  const bounds = `lower bound operand: AttributeValue: ${show(low.value)}, upper bound operand: AttributeValue: ${show(high.value)}`;
  if (typeOf(low.value) !== typeOf(high.value)) fail(`The BETWEEN operator requires same data type for lower and upper bounds; ${bounds}`);
  if ((compareScalars(low.value, high.value) ?? 0) > 0) fail(`The BETWEEN operator requires upper bound to be greater than or equal to lower bound; ${bounds}`);
}

function checkFunction(fail: Fail, node: Extract<ConditionNode, { type: 'function' }>): void {
  for (const arg of node.args) checkOperand(fail, arg);
  if (node.name === 'begins_with') {
    for (const arg of node.args) {
      const type = staticType(arg);
      if (type !== undefined && type !== 'S' && type !== 'B') fail(`Incorrect operand type for operator or function; operator or function: begins_with, operand type: ${type}`);
    }
  } else if (node.name === 'attribute_type') {
    const arg = node.args[1] as OperandNode;
    const type = staticType(arg);
    if (type !== undefined && type !== 'S') fail(`Incorrect operand type for operator or function; operator or function: attribute_type, operand type: ${type}`);
    if (arg.type === 'value' && 'S' in arg.value && !(TYPE_DESCRIPTORS as readonly string[]).includes(arg.value.S)) {
      fail(`Invalid attribute type name found; type: ${arg.value.S}, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}`);
    }
  }
}

/** One comparison, BETWEEN, IN or function (no allocation: this runs on every request). */
function checkLeaf(fail: Fail, node: ConditionNode): void {
  switch (node.type) {
    case 'compare':
      checkOperand(fail, node.left);
      checkOperand(fail, node.right);
      if (node.left.type === 'value' && node.right.type === 'value') fail(`The comparison operands can not both be constants; operator: ${node.operator}`);
      return;
    case 'between':
      checkOperand(fail, node.operand);
      checkOperand(fail, node.low);
      checkOperand(fail, node.high);
      checkBetween(fail, node.low, node.high);
      return;
    case 'in':
      checkOperand(fail, node.operand);
      for (const item of node.list) checkOperand(fail, item);
      return;
    case 'function':
      checkFunction(fail, node);
      return;
    default:
      return;
  }
}

const FAILS = new Map<ExpressionKind, Fail>();

function failFor(kind: ExpressionKind): Fail {
  let fail = FAILS.get(kind);
  if (!fail) {
    fail = (message: string): never => {
      throw validationError(`Invalid ${kind}: ${message}`);
    };
    FAILS.set(kind, fail);
  }
  return fail;
}

/** Check a condition, filter or key condition tree (with this request's values) before any item is read. */
export function checkConditionConstants(tree: ConditionNode, kind: ExpressionKind): void {
  const fail = failFor(kind);
  if (tree.type !== 'and' && tree.type !== 'or' && tree.type !== 'not') return checkLeaf(fail, tree);
  // An explicit stack: AND/OR chains can be as long as a 4 KB expression allows.
  const stack: ConditionNode[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as ConditionNode;
    if (node.type === 'and' || node.type === 'or') stack.push(node.right, node.left);
    else if (node.type === 'not') stack.push(node.operand);
    else checkLeaf(fail, node);
  }
}

/** AWS's names of attribute types in ADD/DELETE operand errors (dynalite's test/updateItem.js, "incorrect types"). */
const LONG_TYPE_NAMES: Record<string, string> = { S: 'STRING', N: 'NUMBER', B: 'BINARY', BOOL: 'BOOLEAN', NULL: 'NULL', L: 'LIST', M: 'MAP', SS: 'SS', NS: 'NS', BS: 'BS' };
const ADD_TYPES = new Set(['N', 'SS', 'NS', 'BS']);
const DELETE_TYPES = new Set(['SS', 'NS', 'BS']);

function checkSetOperand(fail: (message: string) => never, operand: OperandNode): void {
  if (operand.type === 'list_append') {
    for (const side of [operand.left, operand.right]) {
      if (side.type === 'value' && !('L' in side.value)) fail(`Incorrect operand type for operator or function; operator or function: list_append, operand type: ${typeOf(side.value)}`);
      checkSetOperand(fail, side);
    }
  } else if (operand.type === 'arithmetic') {
    for (const side of [operand.left, operand.right]) {
      if (side.type === 'value' && !('N' in side.value)) fail(`Incorrect operand type for operator or function; operator or function: ${operand.operator}, operand type: ${typeOf(side.value)}`);
      checkSetOperand(fail, side);
    }
  } else if (operand.type === 'if_not_exists') checkSetOperand(fail, operand.fallback);
}

/** Check an update's constants (ADD/DELETE operands, list_append and +/- constants) before the item is read. */
export function checkUpdateConstants(update: UpdateNode): void {
  const fail = failFor('UpdateExpression');
  for (const action of update.actions) {
    if (action.action === 'SET') checkSetOperand(fail, action.value);
    else if (action.action === 'ADD' || action.action === 'DELETE') {
      const type = typeOf(action.value.value);
      if (!(action.action === 'ADD' ? ADD_TYPES : DELETE_TYPES).has(type)) {
        fail(`Incorrect operand type for operator or function; operator: ${action.action}, operand type: ${LONG_TYPE_NAMES[type] ?? type}`);
      }
    }
  }
}
