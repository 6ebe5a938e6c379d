import { documentClient } from '../../lib/aws/documentClient';
import { Repository } from '../../lib/repository/Repository';
import { OrderEntity } from './order';

/** The table name, read from `TABLE_NAME` at call time (never at module load). */
export function tableName(): string {
  const name = process.env['TABLE_NAME'];
  if (!name) throw new Error('TABLE_NAME is not set: the orders functions need the name of the orders table');
  return name;
}

/** Orders in the service's table, through the shared document client. */
export function orderRepository() {
  return new Repository(OrderEntity, tableName, documentClient());
}

/** The repository operations the order domain needs (lets tests pass an in-memory store). */
export type OrderStore = Pick<ReturnType<typeof orderRepository>, 'put' | 'get' | 'update'>;
