import { TransactionCanceledError } from '../../lib/repository/errors';
import { Transaction } from '../../lib/repository/Transaction';
import type { TransactionItem } from '../../lib/repository/Repository';
import { expiresAt } from '../../lib/repository/expiresAt';
import { documentClient } from '../../lib/aws/documentClient';
import { ProductEntity } from '../catalog/product';
import { repositoryOf, tableName } from '../shared/table';
import { HoldLostError, OrderNotPendingError, OutOfStockError } from './errors';
import { HOLD_SECONDS, HoldEntity, type Hold } from './hold';
import { OrderEntity, type Order } from './order';

const holds = () => repositoryOf(HoldEntity);

/** Adds `delta` to a product's stock; a decrement is conditional on enough stock being left. */
function stockItem(sku: string, delta: number): TransactionItem {
  return {
    entity: 'Product',
    conflict: 'version',
    request: {
      Update: {
        TableName: tableName(),
        Key: ProductEntity.primaryKey({ sku }),
        UpdateExpression: 'ADD #stock :delta, #version :one',
        ConditionExpression: delta < 0 ? 'attribute_exists(PK) AND #stock >= :needed' : 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#stock': 'stock', '#version': 'version' },
        ExpressionAttributeValues: { ':delta': delta, ':one': 1, ...(delta < 0 ? { ':needed': -delta } : {}) },
      },
    },
  };
}

/** Moves a hold from `from` to `to` (dropping its TTL), conditional on its status. */
function holdStatusItem(hold: Pick<Hold, 'orderId' | 'sku'>, from: Hold['status'], to: Hold['status'], now?: Date): TransactionItem {
  const unexpired = now === undefined ? '' : ' AND #expiresAt > :now';
  return {
    entity: 'Hold',
    conflict: 'version',
    request: {
      Update: {
        TableName: tableName(),
        Key: HoldEntity.primaryKey(hold),
        UpdateExpression: 'SET #status = :to REMOVE #expiresAt ADD #version :one',
        ConditionExpression: `#status = :from${unexpired}`,
        ExpressionAttributeNames: { '#status': 'status', '#expiresAt': 'expiresAt', '#version': 'version' },
        ExpressionAttributeValues: { ':from': from, ':to': to, ':one': 1, ...(now === undefined ? {} : { ':now': Math.floor(now.getTime() / 1000) }) },
      },
    },
  };
}

function orderIsItem(orderId: string, status: Order['status']): TransactionItem {
  return {
    entity: 'Order',
    conflict: 'version',
    request: {
      ConditionCheck: {
        TableName: tableName(),
        Key: OrderEntity.primaryKey({ id: orderId }),
        ConditionExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': status },
      },
    },
  };
}

/** Every hold of an order (strongly consistent). */
export async function holdsOf(orderId: string): Promise<Hold[]> {
  const found: Hold[] = [];
  let cursor: string | undefined;
  do {
    const page = await holds().query({ partition: `ORDER#${orderId}`, sort: { beginsWith: 'HOLD#' }, consistentRead: true, ...(cursor ? { cursor } : {}) });
    found.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return found;
}

/**
 * Holds stock for every line of a PENDING order in one transaction: each product's stock is
 * decremented only if enough is left, and a HELD hold with a TTL is written per line. Safe to
 * redeliver: once holds exist it does nothing. Throws {@link OutOfStockError} or
 * {@link OrderNotPendingError} (the saga compensates).
 */
export async function reserveStock(order: Order, now = new Date()): Promise<void> {
  if ((await holdsOf(order.id)).length > 0) return;
  const ttl = expiresAt({ seconds: HOLD_SECONDS }, now);
  const transaction = new Transaction(documentClient()).add(orderIsItem(order.id, 'PENDING'));
  for (const line of order.lines) {
    transaction.add(
      stockItem(line.sku, -line.quantity),
      holds().putItem({ orderId: order.id, sku: line.sku, quantity: line.quantity, status: 'HELD', expiresAt: ttl, version: 1 }, { ifNotExists: true }),
    );
  }
  try {
    await transaction.commit();
  } catch (error) {
    if (!(error instanceof TransactionCanceledError)) throw error;
    const failure = error.failures.find((f) => f.code === 'ConditionalCheckFailed');
    if (failure?.index === 0) throw new OrderNotPendingError(order.id);
    const line = failure === undefined ? undefined : order.lines[Math.floor((failure.index - 1) / 2)];
    if (failure?.entity === 'Product' && line !== undefined) throw new OutOfStockError(line.sku);
    throw error;
  }
}

/**
 * Gives the stock of an order's holds back: each hold in one of `statuses` becomes RELEASED and
 * its quantity returns to the product, in one transaction per hold conditional on the hold's
 * status, so concurrent releases (saga compensation, cancellation) release each hold once.
 */
export async function releaseHolds(orderId: string, statuses: readonly Hold['status'][]): Promise<void> {
  for (const hold of await holdsOf(orderId)) {
    if (!statuses.includes(hold.status)) continue;
    try {
      await new Transaction(documentClient()).add(holdStatusItem(hold, hold.status, 'RELEASED'), stockItem(hold.sku, hold.quantity)).commit();
    } catch (error) {
      if (!(error instanceof TransactionCanceledError)) throw error;
      const now = await holds().get(hold, { consistentRead: true });
      if (now !== undefined && now.status !== 'RELEASED') throw error; // moved under us: retry the record
    }
  }
}

/**
 * Confirms a PENDING order and all its holds at once; fails with {@link HoldLostError} if a hold
 * expired (even before DynamoDB deleted it) or was released, {@link OrderNotPendingError} if the
 * order was cancelled. A confirmed order is left as it is (redelivery).
 */
export async function confirmOrder(order: Order, now = new Date()): Promise<void> {
  const current = await repositoryOf(OrderEntity).get({ id: order.id }, { consistentRead: true });
  if (current?.status === 'CONFIRMED') return;
  const transaction = new Transaction(documentClient()).add({
    entity: 'Order',
    conflict: 'version',
    request: {
      Update: {
        TableName: tableName(),
        Key: OrderEntity.primaryKey({ id: order.id }),
        UpdateExpression: 'SET #status = :confirmed, #updatedAt = :at ADD #version :one',
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status', '#updatedAt': 'updatedAt', '#version': 'version' },
        ExpressionAttributeValues: { ':confirmed': 'CONFIRMED', ':pending': 'PENDING', ':at': now.toISOString(), ':one': 1 },
      },
    },
  });
  for (const line of order.lines) transaction.add(holdStatusItem({ orderId: order.id, sku: line.sku }, 'HELD', 'CONFIRMED', now));
  try {
    await transaction.commit();
  } catch (error) {
    if (!(error instanceof TransactionCanceledError)) throw error;
    if (error.failures.some((f) => f.index === 0 && f.code === 'ConditionalCheckFailed')) throw new OrderNotPendingError(order.id);
    if (error.failures.some((f) => f.code === 'ConditionalCheckFailed')) throw new HoldLostError(order.id);
    throw error;
  }
}

/**
 * A HELD hold that DynamoDB's TTL deleted: writes it back as RELEASED (only once: the put is
 * conditional on the item being absent) and returns its stock, in one transaction; then cancels
 * the order if it is still PENDING. Returns whether this call released the stock.
 */
export async function expireHold(hold: Hold): Promise<boolean> {
  if (hold.status !== 'HELD') return false;
  try {
    const { expiresAt: _expired, ...rest } = hold;
    await new Transaction(documentClient())
      .add(holds().putItem({ ...rest, status: 'RELEASED', version: hold.version + 1 }, { ifNotExists: true }), stockItem(hold.sku, hold.quantity))
      .commit();
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledError && error.failures.some((f) => f.index === 0 && f.code === 'ConditionalCheckFailed')) return false;
    throw error;
  }
}
