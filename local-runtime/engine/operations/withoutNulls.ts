import { DynamoDbError } from '../errors';
import type { OperationInput } from './input';

/** Control-plane requests are shallow; anything nested deeper is not a request DynamoDB could deserialize. */
const MAX_DEPTH = 16;

/**
 * A control-plane request (CreateTable, UpdateTable) as DynamoDB's JSON protocol reads it: a member whose value
 * is `null` is a member not sent, and a `null` element of a list is an element with no members, so
 * `"KeySchema":[null]` is refused as `[{}]` is (`Value null at 'keySchema.1.member.attributeName' …`) and
 * `[{"Delete":null}]` as `[{}]`, never by reading a property of null. Bounded: nesting past {@link MAX_DEPTH}
 * is a SerializationException.
 */
export function withoutNulls(input: OperationInput): OperationInput {
  return strip(input, 0) as OperationInput;
}

function strip(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) throw new DynamoDbError('SerializationException', 'Start of structure or map found where not expected');
  if (Array.isArray(value)) return value.map((element: unknown) => (element === null ? {} : strip(element, depth + 1)));
  const copy: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) if (member !== null) copy[key] = strip(member, depth + 1);
  return copy;
}
