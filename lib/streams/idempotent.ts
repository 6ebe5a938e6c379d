import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { Context, DynamoDBRecord } from 'aws-lambda';
import { dynamoDbClient } from '../aws/documentClient';
import { itemKeyOf } from './decodeRecord';
import { IdempotencyTableMissingError } from './errors';
import { idempotencyStore } from './idempotencyStore';

/**
 * Wraps the per-record work of a stream handler so each record runs at most once. The stream
 * handler calls it once per invocation with that invocation's Lambda context.
 */
export type RecordIdempotency = (run: (record: DynamoDBRecord) => Promise<void>, context: Context) => (record: DynamoDBRecord) => Promise<void>;

/** Options of {@link idempotentRecords}. */
export interface IdempotentRecordsOptions {
  /** The idempotency table; defaults to env `IDEMPOTENCY_TABLE` (read per invocation). */
  tableName?: string;
  /** How long a completed record is remembered; defaults to one day. */
  expiresAfterSeconds?: number;
}

/**
 * Process each stream record at most once per `eventID` (duplicate deliveries are skipped), with
 * Powertools idempotency on DynamoDB. Pass the result as `streamHandler`'s `idempotency` option;
 * it lives in its own module so handlers that do not use it do not bundle Powertools idempotency.
 *
 * @example
 * export const handler = streamHandler({ entities: [OrderEntity], idempotency: idempotentRecords() })
 *   .on('Order', 'INSERT', async ({ newEntity }) => acceptOrder(orders(), newEntity!));
 */
export function idempotentRecords(options: IdempotentRecordsOptions = {}): RecordIdempotency {
  return (run, context) => {
    const tableName = options.tableName ?? process.env['IDEMPOTENCY_TABLE'];
    if (!tableName) throw new IdempotencyTableMissingError();
    const config = new IdempotencyConfig({ expiresAfterSeconds: options.expiresAfterSeconds ?? 86_400 });
    config.registerLambdaContext(context);
    // The idempotency key is the record's eventID (argument 0); the record itself is argument 1.
    const once = makeIdempotent(async (_eventId: string, record: DynamoDBRecord) => run(record), {
      persistenceStore: idempotencyStore(dynamoDbClient(), tableName),
      config,
      dataIndexArgument: 0,
    });
    return (record) => once(record.eventID ?? itemKeyOf(record) + (record.dynamodb?.SequenceNumber ?? ''), record);
  };
}
