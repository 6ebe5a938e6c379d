import { validationError } from '../errors';
import { normalizeNumber } from '../values/numbers';
import { validateAttributeValue } from '../values/validateItem';
import { PARTIQL_MESSAGES, malformed } from './partiqlErrors';
import type { WireAttributeValue } from '../values/AttributeValue';
import type { Expr } from './ast';

/** Expression kinds that stand for a value (a literal, a parameter, or a collection of them). */
export function isValueExpr(expr: Expr): boolean {
  switch (expr.kind) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
    case 'param':
    case 'list':
    case 'bag':
    case 'tuple':
      return true;
    default:
      return false;
  }
}

function bagOf(items: readonly Expr[], parameters: readonly unknown[]): WireAttributeValue {
  if (items.length === 0) throw validationError(PARTIQL_MESSAGES.emptyBag);
  const strings = items.every((item) => item.kind === 'string');
  const numbers = items.every((item) => item.kind === 'number');
  if (!strings && !numbers) throw validationError(PARTIQL_MESSAGES.bagType);
  const values = items.map((item) => (item.kind === 'string' ? item.value : (attributeValueOf(item, parameters) as { N: string }).N));
  if (new Set(values).size !== values.length) throw validationError('Input collection contains duplicates');
  return strings ? { SS: values } : { NS: values };
}

/**
 * The DynamoDB AttributeValue a PartiQL value stands for: 'text' is S, numbers N, TRUE/FALSE BOOL, NULL, [..] L,
 * {'k': v} M, <<..>> SS or NS, and `?` the matching entry of Parameters
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.data-types.html).
 */
export function attributeValueOf(expr: Expr, parameters: readonly unknown[]): WireAttributeValue {
  switch (expr.kind) {
    case 'string':
      return { S: expr.value };
    case 'number':
      return { N: normalizeNumber(expr.text) };
    case 'boolean':
      return { BOOL: expr.value };
    case 'null':
      return { NULL: true };
    case 'param':
      return validateAttributeValue(parameters[expr.index]);
    case 'list':
      return { L: expr.items.map((item) => attributeValueOf(item, parameters)) };
    case 'bag':
      return bagOf(expr.items, parameters);
    case 'tuple': {
      const map: Record<string, WireAttributeValue> = {};
      for (const { key, value } of expr.entries) {
        const name = key.kind === 'string' ? key.value : key.kind === 'param' ? (attributeValueOf(key, parameters) as { S?: string }).S : undefined;
        if (name === undefined) throw validationError(`Tuple keys must be of type String. Actual type: ${key.kind.toUpperCase()}`);
        if (Object.hasOwn(map, name)) throw validationError(`Duplicate keys in tuple. Key: ${name}`);
        Object.defineProperty(map, name, { value: attributeValueOf(value, parameters), enumerable: true, writable: true, configurable: true });
      }
      return { M: map };
    }
    case 'missing':
      throw validationError(PARTIQL_MESSAGES.missingCompared);
    default:
      throw malformed('Expected a value');
  }
}
