import { defineSaga } from '../../lib/saga/defineSaga';
import { SagaStateEntity } from '../../lib/saga/sagaEntities';
import { sagaRunner } from '../../lib/saga/sagaRunner';
import { authorizePayment, capturePayment, voidPayment } from '../payments/payments';
import { simulatedProvider } from '../payments/simulatedProvider';
import { repositoryOf, tableName } from '../shared/table';
import { OrderNotPendingError } from './errors';
import { confirmOrder, releaseHolds, reserveStock } from './inventory';
import { OrderEntity, type Order } from './order';
import { transitionOrder } from './transitionOrder';

/** The saga's input: the order it places. */
export interface PlaceOrderInput {
  orderId: string;
}

const provider = simulatedProvider;

async function pendingOrder(orderId: string): Promise<Order> {
  const order = await repositoryOf(OrderEntity).get({ id: orderId }, { consistentRead: true });
  if (order === undefined || order.status !== 'PENDING') throw new OrderNotPendingError(orderId);
  return order;
}

/** Why the saga compensated: the last failed or timed-out step in its history. */
async function failureReason(sagaId: string): Promise<string> {
  const state = await repositoryOf(SagaStateEntity).get({ sagaId }, { consistentRead: true });
  const failed = state?.history.findLast((entry) => entry.outcome !== 'done');
  if (failed === undefined) return 'rejected';
  return failed.outcome === 'timeout' ? `${failed.step} timed out` : `${failed.step} failed: ${failed.detail ?? 'unknown error'}`;
}

/**
 * PlaceOrder: accept the PENDING order → reserve stock (conditional decrements + TTL'd holds) →
 * authorize the payment → capture it and confirm the order with its holds. A failing or
 * timed-out step runs the compensations of the completed ones in reverse: void (or refund) the
 * payment, release the held stock, reject the order with the reason.
 */
export const placeOrderSaga = defineSaga<PlaceOrderInput>({
  name: 'PlaceOrder',
  steps: [
    {
      name: 'acceptOrder',
      timeoutSeconds: 60,
      action: async ({ input }) => void (await pendingOrder(input.orderId)),
      compensate: async ({ input, sagaId }) => void (await transitionOrder(input.orderId, ['PENDING'], 'REJECTED', await failureReason(sagaId))),
    },
    {
      name: 'reserveStock',
      timeoutSeconds: 60,
      action: async ({ input }) => reserveStock(await pendingOrder(input.orderId)),
      compensate: async ({ input }) => releaseHolds(input.orderId, ['HELD']),
    },
    {
      // Longer than the hold: when the provider stays unavailable, the hold's TTL cancels the order first.
      name: 'authorizePayment',
      timeoutSeconds: 20 * 60,
      action: async ({ input }) => authorizePayment(provider, await pendingOrder(input.orderId)),
      compensate: async ({ input }) => voidPayment(provider, input.orderId),
    },
    {
      name: 'confirmOrder',
      timeoutSeconds: 60,
      action: async ({ input }) => {
        const order = await repositoryOf(OrderEntity).get({ id: input.orderId }, { consistentRead: true });
        if (order === undefined) throw new OrderNotPendingError(input.orderId);
        if (order.status === 'CONFIRMED') return;
        await capturePayment(provider, order.id);
        await confirmOrder(order);
      },
      // Nothing to undo: the last step either confirmed everything in one transaction or nothing.
      compensate: async () => {},
    },
  ],
});

/** The runner that advances PlaceOrder sagas from the table's stream. */
export const placeOrderRunner = sagaRunner({ sagas: [placeOrderSaga], tableName });
