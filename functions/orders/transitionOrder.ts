import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../lib/aws/documentClient';
import { isConditionFailure } from '../shared/isConditionFailure';
import { tableName } from '../shared/table';
import { OrderEntity, type OrderStatus } from './order';

/**
 * Moves an order to `to` if its status is one of `from` (a conditional update, so concurrent
 * writers cannot both win). Returns false when the order is missing or in another status.
 */
export async function transitionOrder(orderId: string, from: readonly OrderStatus[], to: OrderStatus, reason?: string, now = new Date()): Promise<boolean> {
  const values: Record<string, unknown> = { ':to': to, ':now': now.toISOString(), ':one': 1 };
  from.forEach((status, index) => (values[`:from${index}`] = status));
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: OrderEntity.primaryKey({ id: orderId }),
        UpdateExpression: `SET #status = :to, #updatedAt = :now${reason === undefined ? '' : ', #reason = :reason'} ADD #version :one`,
        ConditionExpression: `#status IN (${from.map((_, index) => `:from${index}`).join(', ')})`,
        ExpressionAttributeNames: { '#status': 'status', '#updatedAt': 'updatedAt', '#version': 'version', ...(reason === undefined ? {} : { '#reason': 'reason' }) },
        ExpressionAttributeValues: reason === undefined ? values : { ...values, ':reason': reason },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
