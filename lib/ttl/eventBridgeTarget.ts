import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { eventBridgeClient } from '../aws/eventBridgeClient';
import { bytes, MAX_BATCH_BYTES, type FanOutEntry, type FanOutTarget } from './FanOutTarget';

/**
 * Expired entities as EventBridge events (PutEvents: ≤ 10 entries, ≤ 256 KB, entry size counted as
 * AWS documents: Source + DetailType + Detail + Resources + 14 bytes for Time). `detailType`
 * defaults to `<entityType> Expired`. Rejected entries are read from `Entries[i].ErrorCode`.
 */
export function eventBridgeTarget(options: { eventBusName?: string; source: string; detailType?: (entityType: string) => string }): FanOutTarget {
  const detailType = options.detailType ?? ((type: string) => `${type} Expired`);
  return {
    name: 'eventbridge',
    maxEntries: 10,
    maxBytes: MAX_BATCH_BYTES,
    sizeOf: (entry: FanOutEntry) => bytes(options.source) + bytes(detailType(entry.entityType)) + bytes(entry.body),
    async send(entries) {
      const result = await eventBridgeClient().send(
        new PutEventsCommand({
          Entries: entries.map((entry) => ({
            Source: options.source,
            DetailType: detailType(entry.entityType),
            Detail: entry.body,
            ...(options.eventBusName === undefined ? {} : { EventBusName: options.eventBusName }),
          })),
        }),
      );
      if (!result.FailedEntryCount) return [];
      return entries.filter((_, index) => result.Entries?.[index]?.ErrorCode !== undefined || result.Entries?.[index] === undefined).map((e) => e.id);
    },
  };
}
