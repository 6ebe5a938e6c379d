import { crc32 } from 'node:zlib';
import { DynamoDbError, validationError } from '../errors';
import { typeOf } from '../values/AttributeValue';
import { validateItem } from '../values/validateItem';
import { assertKeySizes, keyAttributes } from '../storage/keys';
import type { ItemStore, StorePosition } from '../storage/ItemStore';
import type { KeySchema } from '../storage/keys';
import type { WireItem } from '../values/AttributeValue';

const INVALID_START = 'The provided starting key is invalid';
const NO_MATCH = 'The provided key element does not match the schema';

/** One key attribute's value in a start key: present (else `missing`), of the schema's type, not empty, within the size limits. */
function checkPiece(key: WireItem, schema: KeySchema, missing: string): void {
  for (const attribute of keyAttributes(schema)) {
    const value = Object.hasOwn(key, attribute.name) ? key[attribute.name] : undefined;
    if (value === undefined) throw validationError(missing);
    if (typeOf(value) !== attribute.type) throw validationError(NO_MATCH);
    if (('S' in value && value.S === '') || ('B' in value && value.B === '')) {
      throw validationError(`One or more parameter values were invalid: The AttributeValue for a key attribute cannot contain an empty ${'B' in value ? 'binary' : 'string'} value. Key: ${attribute.name}`);
    }
  }
  assertKeySizes(key, schema);
}

/** The table key part of a start key, checked as a key of the table (`The provided starting key is invalid: …`). */
function checkTableKey(key: WireItem, tableSchema: KeySchema): void {
  try {
    checkPiece(key, tableSchema, NO_MATCH);
  } catch (error) {
    if (error instanceof DynamoDbError) throw validationError(`${INVALID_START}: ${error.message}`);
    throw error;
  }
}

function keyNameCount(schemas: readonly KeySchema[]): number {
  const names = new Set<string>();
  for (const schema of schemas) for (const attribute of keyAttributes(schema)) names.add(attribute.name);
  return names.size;
}

/** What a start key is checked against: the store read, the table's key schema, and the index's when one is read. */
export interface StartKeyTarget {
  store: ItemStore;
  tableSchema: KeySchema;
  indexSchema: KeySchema | undefined;
}

/**
 * A Query or Scan ExclusiveStartKey: exactly the key attributes of the table and of the index read, each of its
 * type. The checks and messages follow dynalite's tests against DynamoDB (test/query.js, test/scan.js): a start key
 * with the wrong attributes is `The provided starting key is invalid` (for a Scan of the table, with
 * `: The provided key element does not match the schema`), a key attribute of the wrong type in the index read is
 * `The provided key element does not match the schema`, and a bad table key part is
 * `The provided starting key is invalid: …`
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html#DDB-Query-request-ExclusiveStartKey).
 */
export function startKeyPosition(raw: unknown, target: StartKeyTarget, operation: 'Query' | 'Scan'): { key: WireItem; position: StorePosition | undefined } {
  let key: WireItem;
  try {
    key = validateItem(raw);
  } catch (error) {
    if (error instanceof DynamoDbError) throw validationError(`${INVALID_START}: ${error.message}`);
    throw error;
  }
  const schemas = target.indexSchema ? [target.tableSchema, target.indexSchema] : [target.tableSchema];
  let count = 0;
  for (const name in key) if (Object.hasOwn(key, name)) count += 1;
  if (count !== keyNameCount(schemas)) {
    throw validationError(operation === 'Scan' && !target.indexSchema ? `${INVALID_START}: ${NO_MATCH}` : INVALID_START);
  }
  if (operation === 'Query' || target.indexSchema) checkPiece(key, target.indexSchema ?? target.tableSchema, INVALID_START);
  checkTableKey(key, target.tableSchema);
  return { key, position: target.store.positionOf(key) };
}

/**
 * A parallel Scan's start key must lie in the segment scanned (AWS's message as recorded from DynamoDB in
 * https://github.com/scylladb/scylladb/pull/9270).
 */
export function assertStartKeyInSegment(position: StorePosition | undefined, segment: number, totalSegments: number): void {
  if (position && crc32(position.partition) % totalSegments !== segment) {
    throw validationError(`${INVALID_START}: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: ${totalSegments} Segment: ${segment}`);
  }
}
