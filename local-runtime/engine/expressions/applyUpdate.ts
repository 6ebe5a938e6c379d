import { validationError } from '../errors';
import { addNumbers } from '../values/numbers';
import { cloneItem, typeOf } from '../values/AttributeValue';
import { valuesEqual } from '../values/compareValues';
import { defineAttribute } from '../values/attributeAccess';
import { getPath, step } from './documentPath';
import type { WireAttributeValue, WireItem } from '../values/AttributeValue';
import type { OperandNode, PathElement, PathNode, UpdateAction, UpdateNode } from './ast';

const INVALID_PATH = 'The document path provided in the update expression is invalid for update';
const WRONG_TYPE = 'An operand in the update expression has an incorrect data type';

type OperandOf<T extends OperandNode['type']> = Extract<OperandNode, { type: T }>;

/** How each operand type of a SET action evaluates (one module-level table: no closures per call). */
const SET_OPERANDS: { [T in OperandNode['type']]: (item: WireItem, operand: OperandOf<T>) => WireAttributeValue } = {
  path: (item, operand) => {
    const value = getPath(item, operand);
    if (value === undefined) throw validationError('The provided expression refers to an attribute that does not exist in the item');
    return value;
  },
  value: (_item, operand) => operand.value,
  if_not_exists: (item, operand) => getPath(item, operand.path) ?? setOperand(item, operand.fallback),
  list_append: (item, operand) => {
    const left = setOperand(item, operand.left);
    const right = setOperand(item, operand.right);
    if (!('L' in left) || !('L' in right)) throw validationError(WRONG_TYPE);
    return { L: [...left.L, ...right.L] };
  },
  arithmetic: (item, operand) => {
    const left = setOperand(item, operand.left);
    const right = setOperand(item, operand.right);
    if (!('N' in left) || !('N' in right)) throw validationError(WRONG_TYPE);
    return { N: addNumbers(left.N, right.N, operand.operator === '-') };
  },
  size: () => {
    throw validationError('Invalid UpdateExpression: The function is not allowed in an update expression; function: size');
  },
};

function setOperand(item: WireItem, operand: OperandNode): WireAttributeValue {
  return (SET_OPERANDS[operand.type] as (item: WireItem, operand: OperandNode) => WireAttributeValue)(item, operand);
}

/** The container holding the last path element, or undefined when an intermediate step is missing. */
function parentOf(item: WireItem, path: PathNode): WireAttributeValue | undefined {
  let current: WireAttributeValue | undefined = { M: item };
  const { elements } = path;
  for (let i = 0; i < elements.length - 1; i += 1) current = step(current, elements[i] as PathElement);
  return current;
}

function last(path: PathNode): PathElement {
  return path.elements[path.elements.length - 1] as PathElement;
}

function writeAt(item: WireItem, path: PathNode, value: WireAttributeValue): void {
  const parent = parentOf(item, path);
  const element = last(path);
  if (element.kind === 'name' && parent && 'M' in parent) {
    if (element.name === '__proto__') defineAttribute(parent.M, element.name, value);
    else parent.M[element.name] = value;
  } else if (element.kind === 'index' && parent && 'L' in parent) {
    if (element.index < parent.L.length) parent.L[element.index] = value;
    else parent.L.push(value);
  } else throw validationError(INVALID_PATH);
}

/**
 * The container holding the last element of a REMOVE path: undefined when a step is missing (nothing to remove),
 * an error when a step exists but is of the wrong kind (a string indexed as a list).
 */
function removalParent(item: WireItem, path: PathNode): WireAttributeValue | undefined {
  let current: WireAttributeValue = { M: item };
  const { elements } = path;
  for (let i = 0; i < elements.length - 1; i += 1) {
    const element = elements[i] as PathElement;
    if (element.kind === 'name' ? !('M' in current) : !('L' in current)) throw validationError(INVALID_PATH);
    const next = step(current, element);
    if (next === undefined) return undefined;
    current = next;
  }
  return current;
}

function removeAt(item: WireItem, path: PathNode): void {
  // REMOVE of a path under a missing attribute or element changes nothing, as on AWS.
  const parent = removalParent(item, path);
  if (parent === undefined) return;
  const element = last(path);
  if (element.kind === 'name' && 'M' in parent) delete parent.M[element.name];
  else if (element.kind === 'index' && 'L' in parent) parent.L.splice(element.index, 1);
  else throw validationError(INVALID_PATH);
}

const SET_TYPES = new Set(['SS', 'NS', 'BS']);

/** Equality of two members of a set of type `setType` (SS → S, NS → N, BS → B). */
function sameElement(setType: string, a: string, b: string): boolean {
  const type = setType[0] as 'S' | 'N' | 'B';
  return valuesEqual({ [type]: a } as WireAttributeValue, { [type]: b } as WireAttributeValue);
}

function addTo(current: WireAttributeValue | undefined, value: WireAttributeValue): WireAttributeValue {
  const type = typeOf(value);
  if (type !== 'N' && !SET_TYPES.has(type)) throw validationError(`Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: ${type}`);
  if (current === undefined) return cloneItem(value);
  if (typeOf(current) !== type) throw validationError(WRONG_TYPE);
  if ('N' in current && 'N' in value) return { N: addNumbers(current.N, value.N) };
  const existing = (current as Record<string, string[]>)[type] as string[];
  const added = ((value as Record<string, string[]>)[type] as string[]).filter((e) => !existing.some((x) => sameElement(type, x, e)));
  return { [type]: [...existing, ...added] } as WireAttributeValue;
}

function deleteFrom(current: WireAttributeValue | undefined, value: WireAttributeValue): WireAttributeValue | undefined {
  const type = typeOf(value);
  if (!SET_TYPES.has(type)) throw validationError(`Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: ${type}`);
  if (current === undefined) return undefined;
  if (typeOf(current) !== type) throw validationError(WRONG_TYPE);
  const removed = (value as Record<string, string[]>)[type] as string[];
  const kept = ((current as Record<string, string[]>)[type] as string[]).filter(
    (e) => !removed.some((x) => sameElement(type, x, e)),
  );
  return kept.length > 0 ? ({ [type]: kept } as WireAttributeValue) : undefined;
}

/** REMOVEs of list elements run from the highest index down so earlier removals do not shift later ones. */
function removalOrder(a: UpdateAction, b: UpdateAction): number {
  const x = last(a.path);
  const y = last(b.path);
  return x.kind === 'index' && y.kind === 'index' ? y.index - x.index : 0;
}

/** Whether every action writes a top-level attribute (`a`, not `a.b` or `a[1]`): nested containers stay as they are. */
function topLevelOnly(update: UpdateNode): boolean {
  for (const action of update.actions) if (action.path.elements.length !== 1) return false;
  return true;
}

/**
 * The item the actions write into: a copy of its top level when every action writes a top-level attribute (the
 * containers below are shared with the original, which nothing changes: stored items are replaced, never
 * changed), else a deep copy, whose maps and lists nested writes change.
 */
function writableCopy(original: WireItem, update: UpdateNode): WireItem {
  if (!topLevelOnly(update)) return cloneItem(original);
  const item: WireItem = {};
  for (const name in original) {
    if (name === '__proto__') defineAttribute(item, name, original[name] as WireAttributeValue);
    else item[name] = original[name] as WireAttributeValue;
  }
  return item;
}

/**
 * Whether an update only takes away (REMOVE and DELETE actions): on a missing item it creates nothing, no item and
 * no stream record (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.AttributeUpdates.html:
 * for a missing item, "DELETE - Nothing happens; there is no attribute to delete").
 */
export function onlyTakesAway(update: UpdateNode | undefined): boolean {
  if (update === undefined || update.actions.length === 0) return false;
  for (const action of update.actions) if (action.action !== 'REMOVE' && action.action !== 'DELETE') return false;
  return true;
}

/**
 * Apply a parsed UpdateExpression to (a copy of) an item. All operands are evaluated against the item as it
 * was before the update, as DynamoDB does; returns the new item. Throws ValidationException for invalid paths
 * or operand types (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html).
 */
export function applyUpdate(original: WireItem, update: UpdateNode): WireItem {
  const { actions } = update;
  // SET operands first, all against the original item.
  const values = new Array<WireAttributeValue | undefined>(actions.length);
  for (let i = 0; i < actions.length; i += 1) {
    const action = actions[i] as UpdateAction;
    if (action.action === 'SET') values[i] = setOperand(original, action.value);
  }
  const item = writableCopy(original, update);
  let removals = 0;
  for (let i = 0; i < actions.length; i += 1) {
    const action = actions[i] as UpdateAction;
    if (action.action === 'SET') writeAt(item, action.path, cloneItem(values[i] as WireAttributeValue));
    else if (action.action === 'ADD') writeAt(item, action.path, addTo(getPath(original, action.path), action.value.value));
    else if (action.action === 'DELETE') {
      const next = deleteFrom(getPath(original, action.path), action.value.value);
      if (next) writeAt(item, action.path, next);
      else if (getPath(item, action.path) !== undefined) removeAt(item, action.path);
    } else removals += 1;
  }
  if (removals > 0) {
    const removes = actions.filter((a) => a.action === 'REMOVE');
    if (removes.length > 1) removes.sort(removalOrder);
    for (const action of removes) removeAt(item, action.path);
  }
  return item;
}
