import { placeOrderRunner } from './placeOrderSaga';

/**
 * Stream consumer (filter: SagaState INSERT/MODIFY while RUNNING or COMPENSATING, and TTL removals
 * of SagaDeadline items): advances PlaceOrder sagas one transition per record.
 */
export const handler = placeOrderRunner.handler;
