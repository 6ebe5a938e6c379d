import { ConflictError } from '../../lib/repository/errors';
import { streamHandler } from '../../lib/streams/streamHandler';
import { OrderEntity } from './order';
import { placeOrderRunner, placeOrderSaga } from './placeOrderSaga';

/**
 * Stream consumer (filter: INSERT of an Order): starts the PlaceOrder saga of each new order.
 * The saga id is the order id, so a redelivered INSERT finds the saga started and does nothing.
 */
export const handler = streamHandler({ entities: [OrderEntity] }).on('Order', 'INSERT', async ({ newEntity }) => {
  if (newEntity === undefined) return;
  try {
    await placeOrderRunner.start(placeOrderSaga, newEntity.id, { orderId: newEntity.id });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
});
