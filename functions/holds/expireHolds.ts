import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { eventBridgeTarget } from '../../lib/ttl/eventBridgeTarget';
import { ttlFanOut } from '../../lib/ttl/ttlFanOut';
import { HoldEntity } from '../orders/hold';

/** Source of the `Hold Expired` events. */
export const HOLD_EVENT_SOURCE = 'tidepool.holds';

/**
 * Stream consumer (filter: TTL removals — `userIdentity.type` Service — of Hold items): fans each
 * expired hold out to the bus as a `Hold Expired` event (lib/ttl), for `onHoldExpired`.
 */
export const handler = (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const busName = process.env['EVENT_BUS_NAME'];
  const target = eventBridgeTarget({ source: HOLD_EVENT_SOURCE, ...(busName ? { eventBusName: busName } : {}) });
  return ttlFanOut({ target, entities: [HoldEntity] })(event);
};
