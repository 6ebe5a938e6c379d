import type { DynamoDBRecord } from 'aws-lambda';

/**
 * Whether a stream record is a TTL expiry rather than a user delete: a `REMOVE` whose
 * `userIdentity` is `{ type: 'Service', principalId: 'dynamodb.amazonaws.com' }`.
 */
export function isTtlExpiry(record: Pick<DynamoDBRecord, 'eventName' | 'userIdentity'>): boolean {
  const identity = record.userIdentity as { type?: unknown; principalId?: unknown } | undefined;
  return record.eventName === 'REMOVE' && identity?.type === 'Service' && identity.principalId === 'dynamodb.amazonaws.com';
}
