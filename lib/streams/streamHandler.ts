import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { InferOutput } from 'valibot';
import type { EntityDefinition, EntitySchema } from '../repository/defineEntity';
import { isTtlExpiry } from '../ttl/isTtlExpiry';
import { entityTypeOf, imageItem, itemKeyOf } from './decodeRecord';
import { EarlierFailureOnKeyError } from './errors';
import type { RecordIdempotency } from './idempotent';

/** Any entity definition (key input and index names do not matter to decoding). */
export type AnyEntityDefinition = EntityDefinition<string, EntitySchema, never, string>;

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

type EntityNamed<E extends AnyEntityDefinition, N extends string> = InferOutput<Extract<E, { name: N }>['schema']>;
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
   * Process each record at most once: pass `idempotentRecords()` from `./idempotent` (Powertools
   * idempotency on DynamoDB, keyed by `eventID`). Opt-in by import, so handlers without it stay small.
   */
  idempotency?: RecordIdempotency;
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
    const run = options.idempotency ? options.idempotency(dispatch, context) : dispatch;
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
