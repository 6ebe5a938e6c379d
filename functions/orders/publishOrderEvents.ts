import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { eventBridgeClient } from '../../lib/aws/eventBridgeClient';
import { streamHandler } from '../../lib/streams/streamHandler';
import { OrderEntity } from './order';

/** Source of the service's domain events on the bus. */
export const ORDER_EVENT_SOURCE = 'tidepool.orders';

/**
 * The transactional outbox, read through the stream (filter: INSERT/MODIFY of an Order): every
 * status change of an order — written atomically with the change itself — becomes one
 * `Order <Status>` event (e.g. `Order Confirmed`) on the bus named by `EVENT_BUS_NAME`. Delivery is
 * at least once; `detail.eventId` (the stream record's id) lets consumers drop duplicates.
 */
export const handler = streamHandler({ entities: [OrderEntity] }).on('Order', ['INSERT', 'MODIFY'], async ({ newEntity, oldEntity, record }) => {
  if (newEntity === undefined || newEntity.status === oldEntity?.status) return;
  const status = newEntity.status.charAt(0) + newEntity.status.slice(1).toLowerCase();
  const result = await eventBridgeClient().send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: process.env['EVENT_BUS_NAME'],
          Source: ORDER_EVENT_SOURCE,
          DetailType: `Order ${status}`,
          Detail: JSON.stringify({
            eventId: record.eventID,
            orderId: newEntity.id,
            customerId: newEntity.customerId,
            status: newEntity.status,
            previousStatus: oldEntity?.status ?? null,
            totalCents: newEntity.totalCents,
            ...(newEntity.reason === undefined ? {} : { reason: newEntity.reason }),
          }),
        },
      ],
    }),
  );
  if (result.FailedEntryCount) throw new Error(`PutEvents rejected the Order ${status} event: ${result.Entries?.[0]?.ErrorCode ?? 'unknown'}`);
});
