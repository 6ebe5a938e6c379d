import type { WireItem } from './values/AttributeValue';
import type { RememberedToken } from './operations/transactionTokens';

/**
 * What the engine tells an observer it has done (set as `engine.effects`; undefined, and so free, unless a
 * durable data directory is open): the resulting state, never the request, so that whoever records it can
 * restore the engine without evaluating anything again.
 */
export interface EngineEffects {
  /** An item was stored (`item`) or the item with `key` deleted (`item` undefined): a committed write or a TTL deletion. */
  write(table: string, key: WireItem, item: WireItem | undefined): void;
  /** A successful TransactWriteItems result was remembered under its ClientRequestToken. */
  token(entry: RememberedToken): void;
}
