/**
 * Test-only: the reference service on the local runtime with a virtual clock, plus typed reads of
 * its table. Handlers read time with `new Date()`: the runtime gives them its own clock, so moving
 * the runtime's clock moves theirs (nothing here fakes `Date`).
 */
import { resolve } from 'node:path';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { VirtualClock } from '../../local-runtime/clock/Clock';
import { mintDevToken } from '../../local-runtime/auth/mintDevToken';
import { createRuntime } from '../../local-runtime/runtime/createRuntime';
import type { Runtime } from '../../local-runtime/runtime/Runtime';
import type { Product } from '../catalog/product';
import type { Hold } from '../orders/hold';
import type { Order } from '../orders/order';
import type { Payment } from '../payments/payment';

export const SERVICE_PATH = resolve(import.meta.dirname, '../..');
export const TABLE = 'tidepool-dev-orders';
export const BUS = 'tidepool-dev-events';

export interface ServiceHarness {
  runtime: Runtime<VirtualClock>;
  /** Moves the runtime clock (and so handlers' `Date`) forward. */
  advance(ms: number): void;
  /** `Authorization` header of a dev token for `sub`. */
  as(sub: string, scopes?: string[]): Promise<Record<string, string>>;
  putProduct(sku: string, priceCents: number, stock: number): Promise<void>;
  placeOrder(customer: string, lines: { sku: string; quantity: number }[]): Promise<Order>;
  order(id: string): Promise<Order | undefined>;
  product(sku: string): Promise<Product | undefined>;
  holds(orderId?: string): Promise<Hold[]>;
  payment(orderId: string): Promise<Payment | undefined>;
  /** Every item of the table with this `entityType`. */
  all<T>(entityType: string): Promise<T[]>;
  close(): Promise<void>;
}

/** Builds the service from serverless.yml (stage dev) at 2026-01-01T00:00:00Z on a virtual clock. */
export async function startService(): Promise<ServiceHarness> {
  // Saga warnings for expected failures would flood the test output; errors still print.
  process.env['AWS_LAMBDA_LOG_LEVEL'] ??= 'ERROR';
  const clock = new VirtualClock(Date.UTC(2026, 0, 1));
  const runtime = await createRuntime({ stage: 'dev', clock, servicePath: SERVICE_PATH });
  const doc = runtime.clients.document;
  const tokens = new Map<string, string>();

  const as = async (sub: string, scopes: string[] = []) => {
    const key = `${sub}|${scopes.join(' ')}`;
    let token = tokens.get(key);
    if (token === undefined) {
      token = await mintDevToken({ sub, scopes, servicePath: SERVICE_PATH, expiresInSeconds: 24 * 3600, now: new Date(clock.now()) });
      tokens.set(key, token);
    }
    return { authorization: `Bearer ${token}` };
  };
  const all = async <T>(entityType: string): Promise<T[]> => {
    const items: T[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(
        new ScanCommand({ TableName: TABLE, ConsistentRead: true, FilterExpression: 'entityType = :t', ExpressionAttributeValues: { ':t': entityType }, ExclusiveStartKey: start }),
      );
      items.push(...((page.Items ?? []) as T[]));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  };
  const get = async <T>(PK: string, SK: string) => (await doc.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'PK = :pk AND SK = :sk', ExpressionAttributeValues: { ':pk': PK, ':sk': SK } }))).Items?.[0] as T | undefined;

  return {
    runtime,
    advance(ms) {
      clock.advance(ms);
    },
    as,
    async putProduct(sku, priceCents, stock) {
      const res = await runtime.http('PUT', `/admin/products/${sku}`, { name: `Product ${sku}`, priceCents, stock }, await as('admin-1', ['tidepool/admin']));
      if (res.statusCode !== 200) throw new Error(`putProduct ${sku}: ${res.statusCode} ${res.body}`);
    },
    async placeOrder(customer, lines) {
      const res = await runtime.http('POST', '/orders', { lines }, await as(customer));
      if (res.statusCode !== 201) throw new Error(`placeOrder: ${res.statusCode} ${res.body}`);
      return res.json as Order;
    },
    order: (id) => get<Order>(`ORDER#${id}`, 'ORDER'),
    product: (sku) => get<Product>(`PRODUCT#${sku}`, 'PRODUCT'),
    payment: (orderId) => get<Payment>(`ORDER#${orderId}`, 'PAYMENT'),
    async holds(orderId) {
      const holds = await all<Hold>('Hold');
      return orderId === undefined ? holds : holds.filter((h) => h.orderId === orderId);
    },
    all,
    async close() {
      await runtime.close();
    },
  };
}
