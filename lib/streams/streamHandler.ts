import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { z } from 'zod';
import { dynamoDbClient } from '../aws/documentClient';
import type { EntityDefinition } from '../repository/defineEntity';
import { isTtlExpiry } from '../ttl/isTtlExpiry';
import { entityTypeOf, imageItem, itemKeyOf } from './decodeRecord';
import { EarlierFailureOnKeyError, IdempotencyTableMissingError } from './errors';
import { idempotencyStore } from './idempotencyStore';

/** Any entity definition (key input and index names do not matter to decoding). */
export type AnyEntityDefinition = EntityDefinition<string, z.core.$ZodObject, never, string>;

/** A stream event name. */
export type StreamEventName = 'INSERT' | 'MODIFY' | 'REMOVE';

/** What a route receives: the decoded images (per view type, either may be absent) and the raw record. */
export interface EntityChange<Entity> {
  eventName: StreamEventName;
  newEntity: Entity | undefined;
  oldEntity: Entity | undefined;
  /** True for a REMOVE made by DynamoDB TTL (service identity), false for a user delete. */
  expired: boolean;
  record: DynamoDBRecord;
}

type EntityNamed<E extends AnyEntityDefinition, N extends string> = z.output<Extract<E, { name: N }>['schema']>;
type Route = (change: EntityChange<unknown>) => Promise<void>;

/** Options of {@link streamHandler}. */
export interface StreamHandlerOptions<E extends AnyEntityDefinition> {
  /** Entities the handler decodes, recognised by their `entityType` attribute. */
  entities: readonly E[];
  /**
   * Once a record fails, report every later record of the same item (same `Keys`) as failed too,
   * so the item's changes are retried in order. Records are always processed one at a time, in order.
   */
  stopOnFailurePerKey?: boolean;
  /**
   * Process each record at most once per `eventID` (duplicate deliveries are skipped), with
   * Powertools idempotency on DynamoDB. `tableName` defaults to env `IDEMPOTENCY_TABLE` (read per invocation).
   */
  idempotency?: { tableName?: string; expiresAfterSeconds?: number };
}

/** A DynamoDB stream handler with routes; see {@link streamHandler}. */
export interface StreamHandler<E extends AnyEntityDefinition> {
  /** Adds a route for an entity type and one or more event names. Several routes may match one record; they run in order. */
  on<N extends E['name']>(entity: N, events: StreamEventName | readonly StreamEventName[], fn: (change: EntityChange<EntityNamed<E, N>>) => Promise<void>): StreamHandler<E>;
  /** The Lambda handler: partial batch response (`batchItemFailures` by sequence number). */
  (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse>;
}

/**
 * Builds a DynamoDB stream handler: decodes each record's images to entities (chosen by their
 * `entityType` attribute and validated), routes by entity type and event name, and reports failed
 * records in a partial batch response (Powertools BatchProcessor; enable ReportBatchItemFailures on
 * the mapping). Records of unknown entity types or without a route are skipped as successes.
 *
 * @example
 * export const handler = streamHandler({ entities: [OrderEntity], stopOnFailurePerKey: true })
 *   .on('Order', 'INSERT', async ({ newEntity }) => acceptOrder(orders(), newEntity!));
 */
export function streamHandler<E extends AnyEntityDefinition>(options: StreamHandlerOptions<E>): StreamHandler<E> {
  const entities = new Map(options.entities.map((entity) => [entity.name, entity]));
  const routes = new Map<string, Route[]>();
  const processor = new BatchProcessor(EventType.DynamoDBStreams);

  const dispatch = async (record: DynamoDBRecord): Promise<void> => {
    const type = entityTypeOf(record);
    const entity = type === undefined ? undefined : entities.get(type);
    const matching = routes.get(`${type}|${record.eventName}`) ?? [];
    if (entity === undefined || matching.length === 0) return;
    const decode = (image: Record<string, unknown> | undefined) => (image === undefined ? undefined : entity.fromItem(image));
    const change: EntityChange<unknown> = {
      eventName: record.eventName as StreamEventName,
      newEntity: decode(imageItem(record.dynamodb?.NewImage)),
      oldEntity: decode(imageItem(record.dynamodb?.OldImage)),
      expired: isTtlExpiry(record),
      record,
    };
    for (const route of matching) await route(change);
  };

  const handler = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
    const run = options.idempotency ? idempotent(dispatch, options.idempotency, context) : dispatch;
    const failedKeys = new Set<string>();
    const recordHandler = async (record: DynamoDBRecord): Promise<void> => {
      const key = itemKeyOf(record);
      if (options.stopOnFailurePerKey && failedKeys.has(key)) throw new EarlierFailureOnKeyError(key);
      try {
        await run(record);
      } catch (error) {
        failedKeys.add(key);
        throw error;
      }
    };
    return processPartialResponse(event, recordHandler, processor, { context, processInParallel: false, throwOnFullBatchFailure: false });
  };

  const on: StreamHandler<E>['on'] = (entity, events, fn) => {
    for (const eventName of typeof events === 'string' ? [events] : events) {
      const key = `${entity}|${eventName}`;
      routes.set(key, [...(routes.get(key) ?? []), fn as Route]);
    }
    return self;
  };
  const self = Object.assign(handler, { on }) as StreamHandler<E>;
  return self;
}

function idempotent(
  dispatch: (record: DynamoDBRecord) => Promise<void>,
  options: NonNullable<StreamHandlerOptions<AnyEntityDefinition>['idempotency']>,
  context: Context,
): (record: DynamoDBRecord) => Promise<void> {
  const tableName = options.tableName ?? process.env['IDEMPOTENCY_TABLE'];
  if (!tableName) throw new IdempotencyTableMissingError();
  const config = new IdempotencyConfig({ expiresAfterSeconds: options.expiresAfterSeconds ?? 86_400 });
  config.registerLambdaContext(context);
  // The idempotency key is the record's eventID (argument 0); the record itself is argument 1.
  const once = makeIdempotent(async (_eventId: string, record: DynamoDBRecord) => dispatch(record), {
    persistenceStore: idempotencyStore(dynamoDbClient(), tableName),
    config,
    dataIndexArgument: 0,
  });
  return (record) => once(record.eventID ?? itemKeyOf(record) + (record.dynamodb?.SequenceNumber ?? ''), record);
}
