import type { EventBridgeEvent } from 'aws-lambda';
import type { ExpiredEntityMessage } from '../../lib/ttl/ttlFanOut';
import { logger } from '../../lib/observability/logger';
import { expireHold } from '../orders/inventory';
import { HoldEntity } from '../orders/hold';
import { transitionOrder } from '../orders/transitionOrder';

/**
 * EventBridge consumer of `Hold Expired`: the stock held for an unpaid order returns to the product
 * (once, even if the event is delivered twice) and the order, if still PENDING, is CANCELLED.
 * Its saga then fails to confirm and compensates the rest (the payment).
 */
export async function handler(event: EventBridgeEvent<'Hold Expired', ExpiredEntityMessage>): Promise<void> {
  const hold = HoldEntity.fromItem(event.detail.entity);
  const released = await expireHold(hold);
  const cancelled = await transitionOrder(hold.orderId, ['PENDING'], 'CANCELLED', 'stock hold expired before payment');
  logger.info('Hold expired', { orderId: hold.orderId, sku: hold.sku, released, cancelled });
}
