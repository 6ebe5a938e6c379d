import { validationError } from '../errors';
import { projectItem } from '../expressions/project';
import { cloneItem } from '../values/AttributeValue';
import { itemSize } from '../values/itemSize';
import { setAttribute } from '../values/attributeAccess';
import { validateItem } from '../values/validateItem';
import { assertExactKey, keyId } from '../storage/keys';
import { addUse, capacityLevelOf, consumedCapacity, noUse, readUse } from './capacity';
import { recordOf, requestItemsOf } from './requestItems';
import { parseRequestExpressions } from './requestExpressions';
import { assertAttributesToGetNotEmpty } from './input';
import { readDemand } from '../capacity/CapacityModel';
import type { Engine } from '../Engine';
import type { WireItem } from '../values/AttributeValue';
import type { OperationInput } from './input';

/** At most 100 keys per call; a response stops at 16 MB (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html). */
const MAX_KEYS = 100;
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** Per-table parameters echoed into UnprocessedKeys. */
const ECHOED = ['ProjectionExpression', 'ExpressionAttributeNames', 'ConsistentRead', 'AttributesToGet'] as const;

/**
 * BatchGetItem: up to 100 keys over several tables, duplicate keys rejected, items in `Responses`; keys left over once
 * the response reaches 16 MB come back in `UnprocessedKeys` with their table's parameters.
 */
export function batchGetItem(engine: Engine, input: OperationInput): Record<string, unknown> {
  const level = capacityLevelOf(input);
  let count = 0;
  const requests = requestItemsOf(input).map(([name, value]) => {
    const request = recordOf(value);
    if (!Array.isArray(request.Keys)) throw validationError(`1 validation error detected: Value null at 'requestItems.${name}.member.keys' failed to satisfy constraint: Member must not be null`);
    assertAttributesToGetNotEmpty(request, `requestItems.${name}.member.attributesToGet`);
    const expressions = parseRequestExpressions(request, ['ProjectionExpression'], ['AttributesToGet']);
    const table = engine.itemTable(name);
    const seen = new Set<string>();
    const keys = request.Keys.map((raw: unknown) => {
      const key = validateItem(raw);
      assertExactKey(key, table.definition.schema);
      const id = keyId(key, table.definition.schema);
      if (seen.has(id)) throw validationError('Provided list of item keys contains duplicates');
      seen.add(id);
      count += 1;
      if (count > MAX_KEYS) throw validationError('Too many items requested for the BatchGetItem call');
      return key;
    });
    return { name, request, table, keys, expressions, consistent: request.ConsistentRead === true };
  });
  const responses: Record<string, WireItem[]> = {};
  const unprocessed: Record<string, Record<string, unknown>> = {};
  const capacities: Record<string, unknown>[] = [];
  let bytes = 0;
  for (const { name, request, table, keys, expressions, consistent } of requests) {
    const found: WireItem[] = [];
    const left: WireItem[] = [];
    let use = noUse();
    for (const key of keys) {
      const item = (engine.consistency ? engine.consistency.view(table, consistent) : table).get(key);
      const size = item ? itemSize(item) : 0;
      if (left.length > 0 || bytes + size > MAX_RESPONSE_BYTES) {
        left.push(key);
        continue;
      }
      if (engine.capacity && !engine.capacity.admitItem(readDemand(table, key, size, consistent))) {
        left.push(key);
        continue;
      }
      bytes += size;
      use = addUse(use, readUse(table, size, consistent));
      if (item) found.push(expressions.projection ? projectItem(item, expressions.projection.paths) : cloneItem(item));
    }
    setAttribute(responses, name, found);
    if (left.length > 0) {
      const echoed = Object.fromEntries(ECHOED.filter((k) => request[k] !== undefined).map((k) => [k, request[k]]));
      setAttribute(unprocessed, name, { Keys: left, ...echoed });
    }
    const capacity = consumedCapacity(name, use, level);
    if (capacity) capacities.push(capacity);
  }
  const out: Record<string, unknown> = { Responses: responses, UnprocessedKeys: unprocessed };
  if (level !== 'NONE') out.ConsumedCapacity = capacities;
  return out;
}
