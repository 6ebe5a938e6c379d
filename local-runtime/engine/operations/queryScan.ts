import { crc32 } from 'node:zlib';
import { validationError } from '../errors';
import { assertAttributesToGetNotEmpty, optionalInteger, tableNameOf } from './input';
import { addUse, capacityLevelOf, consumedCapacity, readUse } from './capacity';
import { lsiFetchOf } from './lsiFetch';
import { optionalString } from './input';
import { parseRequestExpressions } from './requestExpressions';
import { readPage } from './readPage';
import { readTargetOf } from './readTarget';
import { assertFilterAvoidsKeys, splitKeyCondition } from './splitKeyCondition';
import { assertStartKeyInSegment } from './startKey';
import type { Engine } from '../Engine';
import type { ConditionNode, OperandNode } from '../expressions/ast';
import type { WireAttributeValue } from '../values/AttributeValue';
import type { OperationInput } from './input';
import type { Table } from '../storage/Table';

/** The page plus ConsumedCapacity: the bytes read (before the filter), in 4 KB units, half for eventual reads. */
function withCapacity(table: Table, input: OperationInput, page: { out: Record<string, unknown>; bytesRead: number; bytesFetched: number }): Record<string, unknown> {
  const level = capacityLevelOf(input);
  const indexName = optionalString(input, 'IndexName');
  const consistent = input.ConsistentRead === true;
  let use = readUse(table, page.bytesRead, consistent, indexName);
  // Items an LSI read fetched from the table are charged to the table, their sizes summed then rounded up to 4 KB
  // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.ThroughputConsiderations; dynalite test/query.js).
  if (page.bytesFetched > 0) use = addUse(use, readUse(table, page.bytesFetched, consistent));
  const capacity = consumedCapacity(table.name, use, level);
  if (capacity) page.out.ConsumedCapacity = capacity;
  return page.out;
}

/** Query: one partition of the table or an index, in sort-key order (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html). */
/** How the engine's own callers may query beyond the API's rules (PartiQL: a second sort-key bound becomes a filter). */
export interface InternalQueryOptions {
  filterMayReadKeys?: boolean;
}

export function query(engine: Engine, input: OperationInput, _requestJson?: string, internal: InternalQueryOptions = {}): Record<string, unknown> {
  const name = tableNameOf(input);
  const limit = optionalInteger(input, 'Limit', 'limit', 1);
  assertAttributesToGetNotEmpty(input);
  const expressions = parseRequestExpressions(
    input,
    ['KeyConditionExpression', 'FilterExpression', 'ProjectionExpression'],
    ['AttributesToGet', 'QueryFilter', 'ConditionalOperator', 'KeyConditions'],
  );
  if (!expressions.keyCondition) throw validationError('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
  const table = engine.itemTable(name);
  const target = readTargetOf(engine.consistency ? engine.consistency.view(table, input.ConsistentRead === true, input.IndexName) : table, input, expressions.projection !== undefined, 'Query');
  const { hashValue, range } = splitKeyCondition(expressions.keyCondition.tree, target.schema);
  if (internal.filterMayReadKeys !== true) assertFilterAvoidsKeys(expressions.filter?.tree, target.schema, input.QueryFilter !== undefined && input.QueryFilter !== null);
  const evaluator = expressions.keyCondition.evaluator;
  // dynalite test/query.js (against DynamoDB): the start key's sort key must satisfy the sort key condition.
  if (target.startKey && range && !evaluator.evaluate(range, target.startKey)) throw validationError('The provided starting key does not match the range key predicate');
  if (target.start && target.start.partition !== JSON.stringify(hashValue)) {
    throw validationError('The provided starting key is outside query boundaries based on provided conditions');
  }
  const forward = input.ScanIndexForward !== false;
  const seek = range ? seekValue(range, forward) : undefined;
  const page = readPage({
    entries: target.store.partition(hashValue, forward, target.start, seek),
    ...(range ? { matches: (item) => evaluator.evaluate(range, item), contiguous: true } : {}),
    limit,
    expressions,
    count: target.count,
    keySchemas: target.keySchemas,
    fetch: lsiFetchOf(table, target.index, target.select, expressions),
  });
  if (engine.capacity) engine.capacity.read(table, hashValue, page.bytesRead, input.ConsistentRead === true, optionalString(input, 'IndexName'));
  return withCapacity(table, input, page);
}

/** Where a sort key condition's run of items starts in the direction of iteration (binary-search target). */
function seekValue(range: ConditionNode, forward: boolean): WireAttributeValue | undefined {
  const value = (operand: OperandNode | undefined): WireAttributeValue | undefined => (operand?.type === 'value' ? operand.value : undefined);
  if (range.type === 'between') return value(forward ? range.low : range.high);
  if (range.type === 'function') return forward ? value(range.args[1]) : undefined;
  if (range.type !== 'compare') return undefined;
  const lowerBounded = range.operator === '=' || range.operator === '>' || range.operator === '>=';
  const upperBounded = range.operator === '=' || range.operator === '<' || range.operator === '<=';
  return (forward ? lowerBounded : upperBounded) ? value(range.right) : undefined;
}

/** Scan, with parallel-scan segments assigned by a hash of the partition key. */
export function scan(engine: Engine, input: OperationInput): Record<string, unknown> {
  const name = tableNameOf(input);
  const limit = optionalInteger(input, 'Limit', 'limit', 1);
  const totalSegments = optionalInteger(input, 'TotalSegments', 'totalSegments', 1, 1000000);
  const segment = optionalInteger(input, 'Segment', 'segment', 0, 999999);
  if ((totalSegments === undefined) !== (segment === undefined)) {
    throw validationError(`The ${segment === undefined ? 'Segment' : 'TotalSegments'} parameter is required but was not present in the request when parameter ${segment === undefined ? 'TotalSegments' : 'Segment'} is present`);
  }
  if (segment !== undefined && totalSegments !== undefined && segment >= totalSegments) {
    throw validationError(`The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${segment} is not less than TotalSegments: ${totalSegments}`);
  }
  assertAttributesToGetNotEmpty(input);
  const expressions = parseRequestExpressions(input, ['FilterExpression', 'ProjectionExpression'], ['AttributesToGet', 'ScanFilter', 'ConditionalOperator']);
  const table = engine.itemTable(name);
  const target = readTargetOf(engine.consistency ? engine.consistency.view(table, input.ConsistentRead === true, input.IndexName) : table, input, expressions.projection !== undefined, 'Scan');
  if (segment !== undefined && totalSegments !== undefined) assertStartKeyInSegment(target.start, segment, totalSegments);
  const inSegment = (item: Record<string, unknown>): boolean =>
    totalSegments === undefined || crc32(target.store.partitionOf(item as never) ?? '') % totalSegments === segment;
  const page = readPage({
    entries: target.store.scan(target.start),
    ...(totalSegments !== undefined ? { matches: inSegment } : {}),
    limit,
    expressions,
    count: target.count,
    keySchemas: target.keySchemas,
    fetch: lsiFetchOf(table, target.index, target.select, expressions),
  });
  if (engine.capacity) engine.capacity.read(table, undefined, page.bytesRead, input.ConsistentRead === true, optionalString(input, 'IndexName'));
  return withCapacity(table, input, page);
}
