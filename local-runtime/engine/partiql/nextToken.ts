import { crc32 } from 'node:zlib';
import { validationError } from '../errors';
import { validateItem } from '../values/validateItem';
import { PARTIQL_MESSAGES } from './partiqlErrors';
import type { WireItem } from '../values/AttributeValue';

/**
 * ExecuteStatement's NextToken: the page's LastEvaluatedKey and a checksum of the statement it belongs to, as
 * base64 JSON. A token of another statement is refused as AWS refuses it
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExecuteStatement.html#DDB-ExecuteStatement-request-NextToken).
 */
export function nextTokenOf(statement: string, lastEvaluatedKey: WireItem): string {
  return Buffer.from(JSON.stringify({ s: crc32(statement), k: lastEvaluatedKey }), 'utf8').toString('base64');
}

/** The ExclusiveStartKey a NextToken stands for. */
export function startKeyOf(statement: string, token: string): WireItem {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    throw validationError(PARTIQL_MESSAGES.invalidNextToken);
  }
  const record = typeof decoded === 'object' && decoded !== null ? (decoded as Record<string, unknown>) : undefined;
  if (record === undefined || typeof record.s !== 'number' || typeof record.k !== 'object' || record.k === null) throw validationError(PARTIQL_MESSAGES.invalidNextToken);
  if (record.s !== crc32(statement)) throw validationError(PARTIQL_MESSAGES.nextTokenMismatch);
  return validateItem(record.k);
}
