import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../lib/aws/documentClient';
import { ConflictError } from '../../lib/repository/errors';
import { isConditionFailure } from '../shared/isConditionFailure';
import { repositoryOf, tableName } from '../shared/table';
import { PaymentEntity, type Payment } from './payment';
import { PaymentNotCapturableError, type PaymentProvider } from './PaymentProvider';

const payments = () => repositoryOf(PaymentEntity);

/** Moves the payment from `from` to `to` (counting captures); false if its status was not `from`. */
async function move(orderId: string, from: Payment['status'], to: Payment['status']): Promise<boolean> {
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: PaymentEntity.primaryKey({ orderId }),
        UpdateExpression: `SET #status = :to ADD #version :one${to === 'CAPTURED' ? ', #captures :one' : ''}`,
        ConditionExpression: '#status = :from',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version', ...(to === 'CAPTURED' ? { '#captures': 'captures' } : {}) },
        ExpressionAttributeValues: { ':from': from, ':to': to, ':one': 1 },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Authorizes an order's amount once: a payment already recorded is kept (redelivery), otherwise
 * the provider is asked (idempotency key `<orderId>#authorize`) and the authorization recorded.
 */
export async function authorizePayment(provider: PaymentProvider, order: { id: string; customerId: string; totalCents: number }): Promise<void> {
  if ((await payments().get({ orderId: order.id }, { consistentRead: true })) !== undefined) return;
  const { authorizationId } = await provider.authorize({ idempotencyKey: `${order.id}#authorize`, customerId: order.customerId, amountCents: order.totalCents });
  try {
    await payments().put({ orderId: order.id, authorizationId, amountCents: order.totalCents, status: 'AUTHORIZED', captures: 0, version: 1 }, { ifNotExists: true });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error; // recorded by a concurrent delivery
  }
}

/**
 * Captures an authorized payment exactly once: the AUTHORIZED → CAPTURED transition is
 * conditional, so a redelivery sees CAPTURED and stops. A voided payment (the order was
 * cancelled meanwhile) throws {@link PaymentNotCapturableError}.
 */
export async function capturePayment(provider: PaymentProvider, orderId: string): Promise<void> {
  const payment = await payments().get({ orderId }, { consistentRead: true });
  if (payment?.status === 'CAPTURED') return;
  if (payment?.status !== 'AUTHORIZED') throw new PaymentNotCapturableError(orderId, payment?.status);
  if (await move(orderId, 'AUTHORIZED', 'CAPTURED')) {
    await provider.capture({ idempotencyKey: `${orderId}#capture`, authorizationId: payment.authorizationId });
    return;
  }
  const now = await payments().get({ orderId }, { consistentRead: true });
  if (now?.status !== 'CAPTURED') throw new PaymentNotCapturableError(orderId, now?.status);
}

/** Voids an authorized payment or refunds a captured one; nothing to do without a payment. Idempotent. */
export async function voidPayment(provider: PaymentProvider, orderId: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const payment = await payments().get({ orderId }, { consistentRead: true });
    if (payment === undefined || payment.status === 'VOIDED' || payment.status === 'REFUNDED') return;
    const request = { authorizationId: payment.authorizationId };
    if (payment.status === 'AUTHORIZED' && (await move(orderId, 'AUTHORIZED', 'VOIDED'))) {
      return provider.void({ ...request, idempotencyKey: `${orderId}#void` });
    }
    if (payment.status === 'CAPTURED' && (await move(orderId, 'CAPTURED', 'REFUNDED'))) {
      return provider.refund({ ...request, idempotencyKey: `${orderId}#refund` });
    }
  }
  throw new Error(`Payment of order ${orderId} kept changing while it was being voided; retry`);
}
