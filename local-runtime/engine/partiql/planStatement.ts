import { validationError } from '../errors';
import { attributeValueOf } from './attributeValueOf';
import { ExpressionText } from './ExpressionText';
import { parsePartiql } from './parsePartiql';
import { PARTIQL_MESSAGES } from './partiqlErrors';
import { isRangeCondition, joined, splitKey } from './whereParts';
import type { Engine } from '../Engine';
import type { KeySchema } from '../storage/keys';
import type { Table } from '../storage/Table';
import type { WireItem } from '../values/AttributeValue';
import type { Expr, ParsedStatement, SelectStatement, Statement } from './ast';

/** The expression-API request a statement becomes, and the operation that runs it. */
export interface PlannedRequest {
  operation: 'GetItem' | 'Query' | 'Scan' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'ConditionCheck';
  input: Record<string, unknown>;
  /** An INSERT: a failed condition is DuplicateItemException. */
  insert: boolean;
  /** A statement that reads only (SELECT). */
  read: boolean;
  statement: Statement;
}

/** Request members the statement does not decide (each operation passes the ones it has). */
export interface PlanOptions {
  parameters: readonly unknown[];
  consistentRead?: boolean;
  limit?: number;
  exclusiveStartKey?: WireItem;
  returnConsumedCapacity?: unknown;
  returnValuesOnConditionCheckFailure?: unknown;
}

const PARSED = new Map<string, ParsedStatement>();
const MAX_PARSED = 512;

/** Parse `source`, keeping the trees of recent statements (applications send the same texts with new Parameters). */
export function parsedStatement(source: string): ParsedStatement {
  let parsed = PARSED.get(source);
  if (parsed === undefined) {
    parsed = parsePartiql(source);
    PARSED.set(source, parsed);
    if (PARSED.size > MAX_PARSED) PARSED.delete(PARSED.keys().next().value as string);
  }
  return parsed;
}

function keyTypeMismatch(name: string): Error {
  return validationError(`Key attribute's data type should match its data type in table's schema: Key ${name}`);
}

function keyItem(schema: KeySchema, key: Map<string, Expr>, parameters: readonly unknown[]): WireItem {
  const item: WireItem = {};
  for (const attribute of [schema.hash, ...(schema.range ? [schema.range] : [])]) {
    const value = key.get(attribute.name);
    if (value === undefined) throw validationError(PARTIQL_MESSAGES.incompleteKey);
    const resolved = attributeValueOf(value, parameters);
    if (!(attribute.type in resolved)) throw keyTypeMismatch(attribute.name);
    item[attribute.name] = resolved;
  }
  return item;
}

function common(options: PlanOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (options.returnConsumedCapacity !== undefined) out.ReturnConsumedCapacity = options.returnConsumedCapacity;
  return out;
}

/** A SELECT: GetItem on a full key, Query on a partition key equality, else Scan (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.select.html). */
function planSelect(table: Table, select: SelectStatement, options: PlanOptions): PlannedRequest {
  const found = select.source.index === undefined ? undefined : table.index(select.source.index);
  if (select.source.index !== undefined && !found) throw validationError(`The table does not have the specified index: ${select.source.index}`);
  if (found?.index.kind === 'GSI' && options.consistentRead === true) throw validationError(PARTIQL_MESSAGES.consistentReadOnGsi);
  const schema = found ? found.index.schema : table.definition.schema;
  const text = new ExpressionText(options.parameters);
  const input: Record<string, unknown> = { TableName: table.name, ...common(options) };
  if (found) input.IndexName = found.index.name;
  if (options.consistentRead !== undefined) input.ConsistentRead = options.consistentRead;
  const projection = select.projection?.map((path) => text.path(path)).join(', ');
  const { key, rest } = splitKey(select.where, schema);
  const hash = key.get(schema.hash.name);
  const rangeName = schema.range?.name;
  const rangeEquality = rangeName === undefined ? undefined : key.get(rangeName);
  const keyNames = new Set([schema.hash.name, ...(rangeName ? [rangeName] : [])]);
  for (const { path } of select.orderBy) {
    if (path.steps.length > 0 || !keyNames.has(path.root)) throw validationError(`Variable reference ${path.root} in ORDER BY clause must be part of the primary key`);
  }
  if (select.orderBy.length > 0 && select.where === undefined) throw validationError(PARTIQL_MESSAGES.orderByWithoutWhere);
  if (select.orderBy.length > 0 && hash === undefined) throw validationError(PARTIQL_MESSAGES.orderByWithoutHash);
  const done = (operation: PlannedRequest['operation']): PlannedRequest => {
    if (projection !== undefined) input.ProjectionExpression = projection;
    Object.assign(input, text.members());
    return { operation, input, insert: false, read: true, statement: select };
  };
  if (!found && hash !== undefined && (rangeName === undefined || rangeEquality !== undefined) && rest.length === 0 && select.orderBy.length === 0) {
    input.Key = keyItem(schema, key, options.parameters);
    return done('GetItem');
  }
  if (options.limit !== undefined) input.Limit = options.limit;
  if (options.exclusiveStartKey !== undefined) input.ExclusiveStartKey = options.exclusiveStartKey;
  if (hash === undefined) {
    const filter = select.where && text.condition(select.where);
    if (filter !== undefined) input.FilterExpression = filter;
    return done('Scan');
  }
  let keyCondition = `${text.name(schema.hash.name)} = ${text.operand(hash)}`;
  const others = [...rest];
  if (rangeName !== undefined && rangeEquality !== undefined) {
    keyCondition += ` AND ${text.name(rangeName)} = ${text.operand(rangeEquality)}`;
  } else if (rangeName !== undefined) {
    const between = inclusiveBounds(others, rangeName);
    const at = others.findIndex((part) => isRangeCondition(part, rangeName));
    if (between) keyCondition += ` AND ${text.name(rangeName)} BETWEEN ${text.operand(between.low)} AND ${text.operand(between.high)}`;
    else if (at >= 0) keyCondition += ` AND ${rangeCondition(text, others.splice(at, 1)[0] as Expr)}`;
  }
  input.KeyConditionExpression = keyCondition;
  const filter = joined(others);
  if (filter) input.FilterExpression = text.condition(filter);
  const descending = select.orderBy.find((order) => order.path.root === rangeName)?.descending ?? select.orderBy[0]?.descending ?? false;
  if (descending) input.ScanIndexForward = false;
  return done('Query');
}

/** `k >= a AND k <= b` on the sort key (in either order): taken out of `parts` as the key condition `k BETWEEN a AND b`. */
function inclusiveBounds(parts: Expr[], name: string): { low: Expr; high: Expr } | undefined {
  const bound = (part: Expr, op: '>=' | '<='): Expr | undefined => {
    if (part.kind !== 'compare' || !isRangeCondition(part, name)) return undefined;
    const keyLeft = part.left.kind === 'path';
    const effective = keyLeft ? part.op : FLIPPED[part.op];
    return effective === op ? (keyLeft ? part.right : part.left) : undefined;
  };
  const lowAt = parts.findIndex((part) => bound(part, '>=') !== undefined);
  const highAt = parts.findIndex((part) => bound(part, '<=') !== undefined);
  if (lowAt < 0 || highAt < 0) return undefined;
  const low = bound(parts[lowAt] as Expr, '>=') as Expr;
  const high = bound(parts[highAt] as Expr, '<=') as Expr;
  for (const at of [lowAt, highAt].sort((a, b) => b - a)) parts.splice(at, 1);
  return { low, high };
}

const FLIPPED = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=', '<>': '<>' } as const;

/** A sort key condition with the key on the left, as KeyConditionExpression wants it. */
function rangeCondition(text: ExpressionText, part: Expr): string {
  if (part.kind === 'compare' && part.left.kind !== 'path') return `${text.operand(part.right)} ${FLIPPED[part.op]} ${text.operand(part.left)}`;
  return text.condition(part);
}

/** The write requests of INSERT/UPDATE/DELETE/EXISTS, with the conditions AWS implies (an UPDATE needs the item to exist). */
function planWrite(table: Table, statement: Exclude<Statement, SelectStatement>, options: PlanOptions): PlannedRequest {
  const schema = table.definition.schema;
  const text = new ExpressionText(options.parameters);
  const input: Record<string, unknown> = { TableName: table.name, ...common(options) };
  if (options.returnValuesOnConditionCheckFailure !== undefined) input.ReturnValuesOnConditionCheckFailure = options.returnValuesOnConditionCheckFailure;
  if (statement.type === 'insert') return planInsert(table, statement.value, input, text, statement);
  const where = statement.type === 'exists' ? statement.select.where : statement.where;
  const { key, rest } = splitKey(where, schema);
  if (statement.type === 'exists' && (key.size < (schema.range ? 2 : 1) || statement.select.source.index !== undefined)) {
    throw validationError(statement.select.source.index !== undefined ? 'Operations on indices are not supported in transactions' : PARTIQL_MESSAGES.existsNeedsKey);
  }
  input.Key = keyItem(schema, key, options.parameters);
  const conditions: string[] = [];
  if (statement.type !== 'delete') conditions.push(`attribute_exists(${text.name(schema.hash.name)})`);
  const restCondition = joined(rest);
  if (restCondition) conditions.push(text.condition(restCondition));
  if (statement.type === 'update') input.UpdateExpression = updateExpression(text, statement.assignments);
  if (conditions.length > 0) input.ConditionExpression = conditions.length === 1 ? conditions[0] : conditions.map((c) => `(${c})`).join(' AND ');
  if (statement.type !== 'exists' && statement.returning) input.ReturnValues = statement.returning;
  Object.assign(input, text.members());
  const operation = statement.type === 'update' ? 'UpdateItem' : statement.type === 'delete' ? 'DeleteItem' : 'ConditionCheck';
  return { operation, input, insert: false, read: false, statement };
}

function planInsert(table: Table, value: Expr, input: Record<string, unknown>, text: ExpressionText, statement: Statement): PlannedRequest {
  if (value.kind !== 'tuple' && value.kind !== 'param') throw validationError(PARTIQL_MESSAGES.insertFormat);
  const item = attributeValueOf(value, text.parameters);
  if (!('M' in item)) throw validationError(PARTIQL_MESSAGES.insertFormat);
  const map = item.M as WireItem;
  const schema = table.definition.schema;
  for (const attribute of [schema.hash, ...(schema.range ? [schema.range] : [])]) {
    const keyValue = Object.hasOwn(map, attribute.name) ? map[attribute.name] : undefined;
    if (keyValue === undefined) throw validationError(`Key attribute should be present in the item: Key ${attribute.name}`);
    if (!(attribute.type in keyValue)) throw keyTypeMismatch(attribute.name);
  }
  input.Item = map;
  input.ConditionExpression = `attribute_not_exists(${text.name(schema.hash.name)})`;
  Object.assign(input, text.members());
  return { operation: 'PutItem', input, insert: true, read: false, statement };
}

/** SET/REMOVE assignments; `SET s = set_add(s, <<…>>)` is ADD and `set_delete` DELETE. */
function updateExpression(text: ExpressionText, assignments: Extract<Statement, { type: 'update' }>['assignments']): string {
  const sets: string[] = [];
  const removes: string[] = [];
  const adds: string[] = [];
  const deletes: string[] = [];
  for (const assignment of assignments) {
    const path = text.path(assignment.path);
    if (assignment.kind === 'remove') {
      removes.push(path);
      continue;
    }
    const value = assignment.value;
    if (value.kind === 'call' && (value.name === 'set_add' || value.name === 'set_delete')) {
      const op = value.name === 'set_add' ? 'ADD' : 'DELETE';
      if (value.args.length !== 2) throw validationError(`SET_${op} must have exactly two arguments`);
      const [target, operand] = value.args as [Expr, Expr];
      if (target.kind !== 'path' || text.path(target) !== path) throw validationError(`The first argument to SET_${op} must equal the assignment value`);
      if (operand.kind !== 'bag' && operand.kind !== 'param') throw validationError(`The second argument to SET_${op} must be a value with type SET`);
      (op === 'ADD' ? adds : deletes).push(`${path} ${text.value(attributeValueOf(operand, text.parameters))}`);
      continue;
    }
    sets.push(`${path} = ${text.setValue(value)}`);
  }
  const clauses: string[] = [];
  if (sets.length > 0) clauses.push(`SET ${sets.join(', ')}`);
  if (removes.length > 0) clauses.push(`REMOVE ${removes.join(', ')}`);
  if (adds.length > 0) clauses.push(`ADD ${adds.join(', ')}`);
  if (deletes.length > 0) clauses.push(`DELETE ${deletes.join(', ')}`);
  return clauses.join(' ');
}

/**
 * Work out the expression-API request a PartiQL statement stands for. Parameters must be at least as many as the
 * statement's `?` (DynamoDB ignores extra ones).
 */
export function planStatement(engine: Engine, source: string, options: PlanOptions): PlannedRequest {
  const { statement, parameterCount } = parsedStatement(source);
  if (options.parameters.length < parameterCount) throw validationError(PARTIQL_MESSAGES.parameterCount);
  if (statement.type === 'select') return planSelect(engine.itemTable(statement.source.table), statement, options);
  const table = engine.itemTable(statement.type === 'exists' ? statement.select.source.table : statement.table);
  return planWrite(table, statement, options);
}
