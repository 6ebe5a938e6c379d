/** One expired entity to send: `id` is unique within a call, `body` is the JSON message. */
export interface FanOutEntry {
  id: string;
  entityType: string;
  body: string;
}

/**
 * Where expired entities go. `send` receives at most `maxEntries` entries totalling at most
 * `maxBytes` (as measured by `sizeOf`) and returns the ids of the entries the service rejected.
 */
export interface FanOutTarget {
  readonly name: string;
  readonly maxEntries: number;
  readonly maxBytes: number;
  sizeOf(entry: FanOutEntry): number;
  send(entries: readonly FanOutEntry[]): Promise<string[]>;
}

/** UTF-8 byte length. */
export const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** 256 KiB: the request payload limit of PutEvents, SendMessageBatch and PublishBatch. */
export const MAX_BATCH_BYTES = 256 * 1024;

/** The `entityType` String message attribute SQS and SNS entries carry (usable in filter policies). */
export const entityTypeAttribute = (type: string) => ({ entityType: { DataType: 'String', StringValue: type } });

/** An SQS or SNS entry's size as those services count it: body plus the attribute's name, data type and value. */
export const sizeWithEntityType = (entry: FanOutEntry): number => bytes(entry.body) + bytes('entityType') + bytes('String') + bytes(entry.entityType);
