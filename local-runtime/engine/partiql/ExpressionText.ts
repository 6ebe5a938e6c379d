import { validationError } from '../errors';
import { attributeValueOf, isValueExpr } from './attributeValueOf';
import { PARTIQL_MESSAGES, malformed } from './partiqlErrors';
import type { WireAttributeValue } from '../values/AttributeValue';
import type { Expr, PathExpr } from './ast';

const IS_TYPES: Record<string, string> = {
  NULL: 'NULL', BOOLEAN: 'BOOL', BLOB: 'B', STRING: 'S', NUMERIC: 'N', STRUCT: 'M', TUPLE: 'M', LIST: 'L',
};

const FUNCTIONS = new Set(['begins_with', 'contains', 'attribute_type']);

/**
 * Writes PartiQL trees as DynamoDB expression text (ConditionExpression, UpdateExpression, ProjectionExpression)
 * with every name and value behind a placeholder, so that a statement runs through the engine's own expression
 * parsers, evaluator and write path — exactly as the equivalent expression-API request would.
 */
export class ExpressionText {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, WireAttributeValue> = {};
  readonly #placeholders = new Map<string, string>();
  #valueCount = 0;

  constructor(readonly parameters: readonly unknown[]) {}

  /** ExpressionAttributeNames/Values members for a request, omitting empty maps (which DynamoDB refuses). */
  members(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (this.#placeholders.size > 0) out.ExpressionAttributeNames = this.names;
    if (this.#valueCount > 0) out.ExpressionAttributeValues = this.values;
    return out;
  }

  name(name: string): string {
    if (name === '') throw validationError(PARTIQL_MESSAGES.emptyPathComponent);
    let placeholder = this.#placeholders.get(name);
    if (placeholder === undefined) {
      placeholder = `#n${this.#placeholders.size}`;
      this.#placeholders.set(name, placeholder);
      this.names[placeholder] = name;
    }
    return placeholder;
  }

  path(path: PathExpr): string {
    let text = this.name(path.root);
    for (const step of path.steps) text += step.kind === 'name' ? `.${this.name(step.name)}` : `[${step.index}]`;
    return text;
  }

  value(value: WireAttributeValue): string {
    const placeholder = `:v${this.#valueCount++}`;
    this.values[placeholder] = value;
    return placeholder;
  }

  /** An operand of a comparison or function: a path, size(path) or a value. */
  operand(expr: Expr): string {
    if (expr.kind === 'path') return this.path(expr);
    if (expr.kind === 'missing') throw validationError(PARTIQL_MESSAGES.missingCompared);
    if (isValueExpr(expr)) return this.value(attributeValueOf(expr, this.parameters));
    if (expr.kind === 'call' && expr.name === 'size' && expr.args.length === 1) return `size(${this.operand(expr.args[0] as Expr)})`;
    if (expr.kind === 'call') throw validationError(`Unrecognized function: ${expr.name}`);
    throw malformed('Expected a path or a value');
  }

  /** A WHERE clause (or part of one) as a condition (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-operators.html). */
  condition(expr: Expr): string {
    switch (expr.kind) {
      case 'and':
        return `(${this.condition(expr.left)}) AND (${this.condition(expr.right)})`;
      case 'or':
        return `(${this.condition(expr.left)}) OR (${this.condition(expr.right)})`;
      case 'not':
        return `NOT (${this.condition(expr.operand)})`;
      case 'compare':
        return `${this.operand(expr.left)} ${expr.op} ${this.operand(expr.right)}`;
      case 'between':
        return `${this.operand(expr.operand)} BETWEEN ${this.operand(expr.low)} AND ${this.operand(expr.high)}`;
      case 'in':
        if (expr.operand.kind !== 'path' || expr.list.kind !== 'list' || expr.list.items.length === 0) throw validationError(PARTIQL_MESSAGES.invalidIn);
        return `${this.path(expr.operand)} IN (${expr.list.items.map((item) => this.operand(item)).join(', ')})`;
      case 'is':
        return this.#is(expr);
      case 'call':
        if (!FUNCTIONS.has(expr.name)) throw validationError(`Unrecognized function: ${expr.name}`);
        return `${expr.name}(${expr.args.map((arg) => this.operand(arg)).join(', ')})`;
      default:
        throw validationError(PARTIQL_MESSAGES.whereNotBoolean);
    }
  }

  #is(expr: Extract<Expr, { kind: 'is' }>): string {
    if (expr.operand.kind !== 'path') throw validationError('The left hand side argument to IS must be a Variable Reference, Literal, or Path');
    const path = this.path(expr.operand);
    if (expr.type === 'MISSING') return expr.negated ? `attribute_exists(${path})` : `attribute_not_exists(${path})`;
    const type = IS_TYPES[expr.type];
    if (type === undefined) {
      throw validationError(`Unsupported data type for IS operator: ${expr.type}. Supported data types are [MISSING, NULL, BOOLEAN, BLOB, STRING, NUMERIC, STRUCT, TUPLE, LIST]`);
    }
    const test = `attribute_type(${path}, ${this.value({ S: type })})`;
    return expr.negated ? `NOT ${test}` : test;
  }

  /** The right-hand side of an UPDATE's SET: a value, a path, arithmetic or list_append (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.update.html). */
  setValue(expr: Expr): string {
    if (expr.kind === 'arith') return `${this.setValue(expr.left)} ${expr.op} ${this.setValue(expr.right)}`;
    if (expr.kind === 'call' && (expr.name === 'list_append' || expr.name === 'if_not_exists') && expr.args.length === 2) {
      return `${expr.name}(${this.setValue(expr.args[0] as Expr)}, ${this.setValue(expr.args[1] as Expr)})`;
    }
    if (expr.kind === 'is') throw validationError(PARTIQL_MESSAGES.isInUpdate);
    return this.operand(expr);
  }
}
