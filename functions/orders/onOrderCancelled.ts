import { streamHandler } from '../../lib/streams/streamHandler';
import { voidPayment } from '../payments/payments';
import { simulatedProvider } from '../payments/simulatedProvider';
import { releaseHolds } from './inventory';
import { OrderEntity } from './order';

/**
 * Stream consumer (filter: MODIFY of an Order to CANCELLED): releases the order's held or
 * confirmed stock and voids (or refunds) its payment. Each release and the payment change are
 * conditional, so this and a saga compensating at the same time undo everything exactly once.
 */
export const handler = streamHandler({ entities: [OrderEntity] }).on('Order', 'MODIFY', async ({ newEntity, oldEntity }) => {
  if (newEntity?.status !== 'CANCELLED' || oldEntity?.status === 'CANCELLED') return;
  await releaseHolds(newEntity.id, ['HELD', 'CONFIRMED']);
  await voidPayment(simulatedProvider, newEntity.id);
});
