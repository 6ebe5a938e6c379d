import { validationError } from '../errors';
import { quotedJson } from '../values/jsonText';
import { typeOf } from '../values/AttributeValue';
import { defineAttribute, ownValue } from '../values/attributeAccess';
import type { WireAttributeValue, WireItem } from '../values/AttributeValue';

/** One key attribute: name and scalar type (S, N or B). */
export interface KeyAttribute {
  name: string;
  type: 'S' | 'N' | 'B';
}

/** HASH and optional RANGE attribute of a table or index. */
export interface KeySchema {
  hash: KeyAttribute;
  range?: KeyAttribute;
}

const ATTRIBUTES = new WeakMap<KeySchema, readonly KeyAttribute[]>();

/** Key attributes of a schema, hash first (one shared, read-only array per schema: every write asks). */
export function keyAttributes(schema: KeySchema): readonly KeyAttribute[] {
  let attributes = ATTRIBUTES.get(schema);
  if (attributes === undefined) ATTRIBUTES.set(schema, (attributes = Object.freeze(schema.range ? [schema.hash, schema.range] : [schema.hash])));
  return attributes;
}

/** Partition keys may be at most 2048 bytes, sort keys 1024 (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-partition-sort-keys). */
const MAX_HASH_BYTES = 2048;
const MAX_RANGE_BYTES = 1024;

/**
 * A key value's size in bytes for the limit checks: exact whenever it could exceed the smaller (1024-byte) limit;
 * shorter values are not counted (n UTF-16 units are at most 3n UTF-8 bytes, n base64 characters at most n bytes).
 */
function keyBytes(value: WireAttributeValue): number {
  if ('S' in value) return value.S.length * 3 <= MAX_RANGE_BYTES ? value.S.length : Buffer.byteLength(value.S, 'utf8');
  if ('B' in value) return value.B.length <= MAX_RANGE_BYTES ? 0 : Buffer.from(value.B, 'base64').length;
  return 'N' in value ? value.N.length : 0;
}

/** Reject key values over DynamoDB's key size limits, with AWS's messages. */
export function assertKeySizes(item: WireItem, schema: KeySchema): void {
  const hash = ownValue(item, schema.hash.name, item[schema.hash.name]);
  if (hash && keyBytes(hash) > MAX_HASH_BYTES) {
    throw validationError('One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes');
  }
  const range = schema.range ? ownValue(item, schema.range.name, item[schema.range.name]) : undefined;
  if (range && keyBytes(range) > MAX_RANGE_BYTES) {
    throw validationError('One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes');
  }
}

function isEmptyKeyValue(value: WireAttributeValue): boolean {
  return ('S' in value && value.S === '') || ('B' in value && value.B === '');
}

/** `string` or `binary`: how AWS names an empty key value's type in its messages. */
const emptyKind = (value: WireAttributeValue): string => ('B' in value ? 'binary' : 'string');

/**
 * The size limit an index key value exceeds (2048 bytes for a partition key, 1024 for a sort key), with its exact
 * size, or undefined. Cheap for short values: only strings and binaries that could exceed are measured.
 */
export function indexKeyOverLimit(value: WireAttributeValue, isHash: boolean): { bytes: number; max: number } | undefined {
  const max = isHash ? MAX_HASH_BYTES : MAX_RANGE_BYTES;
  let bytes: number;
  if ('S' in value) {
    if (value.S.length * 3 <= max) return undefined;
    bytes = Buffer.byteLength(value.S, 'utf8');
  } else if ('B' in value) {
    if (value.B.length <= max) return undefined;
    bytes = Buffer.from(value.B, 'base64').length;
  } else return undefined;
  return bytes > max ? { bytes, max } : undefined;
}

/** Whether an item's value for this index key would be refused by a write (empty or over the size limit). */
export function isUnindexableKeyValue(value: WireAttributeValue, isHash: boolean): boolean {
  return isEmptyKeyValue(value) || indexKeyOverLimit(value, isHash) !== undefined;
}

/**
 * Check an item written by PutItem carries the table's key attributes with the declared types
 * (messages as DynamoDB words them).
 */
export function assertItemHasKey(item: WireItem, schema: KeySchema): void {
  for (const attribute of keyAttributes(schema)) {
    const value = ownValue(item, attribute.name, item[attribute.name]);
    if (value === undefined) throw validationError(`One or more parameter values were invalid: Missing the key ${attribute.name} in the item`);
    if (typeOf(value) !== attribute.type) {
      throw validationError(`One or more parameter values were invalid: Type mismatch for key ${attribute.name} expected: ${attribute.type} actual: ${typeOf(value)}`);
    }
    if (isEmptyKeyValue(value)) {
      throw validationError(`One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${emptyKind(value)} value. Key: ${attribute.name}`);
    }
  }
  assertKeySizes(item, schema);
}

/** Check a `Key` parameter (GetItem, DeleteItem, UpdateItem): exactly the key attributes, right types. */
export function assertExactKey(key: WireItem, schema: KeySchema): void {
  const attributes = keyAttributes(schema);
  let count = 0;
  for (const name in key) if (Object.hasOwn(key, name)) count += 1;
  let matches = count === attributes.length;
  for (let i = 0; matches && i < attributes.length; i += 1) {
    const a = attributes[i] as KeyAttribute;
    const value = ownValue(key, a.name, key[a.name]);
    matches = value !== undefined && typeOf(value) === a.type;
  }
  if (!matches) throw validationError('The provided key element does not match the schema');
  for (const attribute of attributes) {
    const value = key[attribute.name] as WireAttributeValue;
    if (isEmptyKeyValue(value)) {
      throw validationError(`One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${emptyKind(value)} value. Key: ${attribute.name}`);
    }
  }
  assertKeySizes(key, schema);
}

/**
 * Check an item's values for a secondary index's key attributes, if present: type, not empty, and within the key
 * size limits (AWS: `Size limit exceeded for Index Key …`, as reported in
 * https://github.com/wellcomecollection/platform/issues/2285 and https://github.com/architect/dynalite/issues/35).
 * `tableHash` is the table's partition key attribute, checked already by the table key checks (an LSI shares it).
 */
export function assertIndexKeyTypes(item: WireItem, indexName: string, schema: KeySchema, tableHash?: string): void {
  for (const attribute of keyAttributes(schema)) {
    if (attribute.name === tableHash) continue;
    const value = ownValue(item, attribute.name, item[attribute.name]);
    if (value === undefined) continue;
    if (typeOf(value) !== attribute.type) {
      throw validationError(
        `One or more parameter values were invalid: Type mismatch for Index Key ${attribute.name} Expected: ${attribute.type} Actual: ${typeOf(value)} IndexName: ${indexName}`,
      );
    }
    if (isEmptyKeyValue(value)) {
      throw validationError(
        `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${emptyKind(value)} value. IndexName: ${indexName}, IndexKey: ${attribute.name}`,
      );
    }
    const over = indexKeyOverLimit(value, attribute === schema.hash);
    if (over) {
      throw validationError(
        `One or more parameter values were invalid: Size limit exceeded for Index Key ${attribute.name} Actual Size: ${over.bytes} bytes Max Size: ${over.max} bytes IndexName: ${indexName}`,
      );
    }
  }
}

/** The key attributes of an item (undefined when one is missing: the item is not in that index). */
export function extractKey(item: WireItem, schema: KeySchema): WireItem | undefined {
  const key: WireItem = {};
  for (const attribute of keyAttributes(schema)) {
    const value = ownValue(item, attribute.name, item[attribute.name]);
    if (value === undefined || typeOf(value) !== attribute.type) return undefined;
    if (attribute.name === '__proto__') defineAttribute(key, attribute.name, value);
    else key[attribute.name] = value;
  }
  return key;
}

/**
 * `JSON.stringify(value)` of a key value, built by hand for the usual `{ S | N | B: string }` shape (the same text,
 * without walking the object); anything else goes through JSON.stringify.
 */
export function keyValueText(value: WireAttributeValue | undefined): string {
  if (value !== undefined) {
    let type: string | undefined;
    for (const key in value) {
      if (type !== undefined) return JSON.stringify(value);
      type = key;
    }
    const text = (value as Record<string, unknown>)[type as string];
    if ((type === 'S' || type === 'N' || type === 'B') && typeof text === 'string') return `{"${type}":${quotedJson(text)}}`;
  }
  return JSON.stringify(value);
}

/** Stable identity string of a key's values (values are normalised, so equal keys give equal strings). */
export function keyId(item: WireItem, schema: KeySchema): string {
  // Same text as JSON.stringify([hash, range?]); a missing value is `null` there, as in an array.
  const hash = ownValue(item, schema.hash.name, item[schema.hash.name]);
  const hashText = hash === undefined ? 'null' : keyValueText(hash);
  if (!schema.range) return `[${hashText}]`;
  const range = ownValue(item, schema.range.name, item[schema.range.name]);
  return `[${hashText},${range === undefined ? 'null' : keyValueText(range)}]`;
}
