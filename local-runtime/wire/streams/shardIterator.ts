import { validationError } from '../../engine/errors';

/** Where a shard iterator points: records of `shardId` with a sequence counter greater than `afterN`. */
export interface IteratorPosition {
  streamArn: string;
  shardId: string;
  afterN: number;
  /** When the iterator was handed out (engine clock, ms): it expires 15 minutes later. */
  issuedAtMs: number;
}

/** Shard iterators expire 15 minutes after they are issued (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetShardIterator.html). */
export const ITERATOR_LIFETIME_MS = 15 * 60 * 1000;

/** An opaque iterator string in the form DynamoDB Streams uses: `<stream ARN>|1|<opaque token>`. */
export function encodeShardIterator(position: IteratorPosition): string {
  const token = Buffer.from(JSON.stringify([position.shardId, position.afterN, position.issuedAtMs])).toString('base64url');
  return `${position.streamArn}|1|${token}`;
}

/** Decode an iterator from {@link encodeShardIterator}; anything else is a ValidationException. */
export function decodeShardIterator(iterator: string): IteratorPosition {
  const bar = iterator.indexOf('|1|');
  if (bar > 0) {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(iterator.slice(bar + 3), 'base64url').toString('utf8'));
      if (Array.isArray(parsed) && typeof parsed[0] === 'string' && Number.isInteger(parsed[1]) && Number.isFinite(parsed[2])) {
        return { streamArn: iterator.slice(0, bar), shardId: parsed[0], afterN: parsed[1] as number, issuedAtMs: parsed[2] as number };
      }
    } catch {
      // fall through to the validation error
    }
  }
  throw validationError('Invalid ShardIterator');
}
