import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../observability/logger';
import type { EntityDefinition, EntitySchema } from '../repository/defineEntity';
import { entityTypeOf, imageItem } from '../streams/decodeRecord';
import { chunkEntries } from './chunkEntries';
import type { FanOutEntry, FanOutTarget } from './FanOutTarget';
import { isTtlExpiry } from './isTtlExpiry';

/** The JSON body sent for each expired entity. */
export interface ExpiredEntityMessage {
  entityType: string;
  /** The decoded entity (validated when its entity is registered, else the raw item). */
  entity: Record<string, unknown>;
  /** When DynamoDB removed it (the record's ApproximateCreationDateTime, epoch seconds). */
  removedAt: number | undefined;
}

/** Options of {@link ttlFanOut}. */
export interface TtlFanOutOptions {
  target: FanOutTarget;
  /** Entities to validate and decode; items of other types are sent as stored. */
  entities?: readonly EntityDefinition<string, EntitySchema, never, string>[];
}

/**
 * A stream handler that fans TTL-expired items (REMOVE by the DynamoDB service) out to a target
 * (EventBridge, SQS or SNS), batching sends to the API's entry and size limits. User deletes and
 * other records are ignored. Records whose entry was rejected (partial failure), whose call failed,
 * that are too big to send or cannot be decoded come back in `batchItemFailures`; enable
 * ReportBatchItemFailures on the mapping (and filter it to `userIdentity.type = Service` to save invocations).
 *
 * @example
 * export const handler = ttlFanOut({ target: eventBridgeTarget({ source: 'tidepool.orders' }), entities: [ReservationEntity] });
 */
export function ttlFanOut(options: TtlFanOutOptions): (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse> {
  const entities = new Map((options.entities ?? []).map((entity) => [entity.name, entity]));
  const { target } = options;

  const toEntry = (record: DynamoDBRecord, index: number): FanOutEntry => {
    const type = entityTypeOf(record) ?? 'Unknown';
    const item = imageItem(record.dynamodb?.OldImage) ?? imageItem(record.dynamodb?.Keys) ?? {};
    const entity = entities.get(type)?.fromItem(item) ?? item;
    const message: ExpiredEntityMessage = { entityType: type, entity, removedAt: record.dynamodb?.ApproximateCreationDateTime };
    return { id: `r${index}`, entityType: type, body: JSON.stringify(message) };
  };

  return async (event) => {
    const failed = new Set<string>();
    const sequenceById = new Map<string, string>();
    const entries: FanOutEntry[] = [];
    event.Records.forEach((record, index) => {
      if (!isTtlExpiry(record)) return;
      const sequence = record.dynamodb?.SequenceNumber ?? '';
      try {
        const entry = toEntry(record, index);
        sequenceById.set(entry.id, sequence);
        entries.push(entry);
      } catch (error) {
        logger.error('Expired item could not be decoded', { sequence, error: error as Error });
        failed.add(sequence);
      }
    });
    const { chunks, oversized } = chunkEntries(entries, target.maxEntries, target.maxBytes, (entry) => target.sizeOf(entry));
    for (const entry of oversized) {
      logger.error('Expired item is too large to send', { target: target.name, sequence: sequenceById.get(entry.id) });
      failed.add(sequenceById.get(entry.id) ?? '');
    }
    for (const chunk of chunks) {
      let rejected: string[];
      try {
        rejected = await target.send(chunk);
      } catch (error) {
        logger.error('Fan-out call failed', { target: target.name, error: error as Error });
        rejected = chunk.map((entry) => entry.id);
      }
      // An id the service made up cannot be matched to a record: fail the whole chunk rather than guess.
      const unknown = rejected.some((id) => !chunk.some((entry) => entry.id === id));
      for (const id of unknown ? chunk.map((entry) => entry.id) : rejected) failed.add(sequenceById.get(id) ?? '');
    }
    return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
  };
}
