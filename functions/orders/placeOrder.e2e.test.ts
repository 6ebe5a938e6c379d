/**
 * The PlaceOrder saga end to end on the local runtime (serverless.yml, stage dev, virtual clock):
 * HTTP API with the JWT authorizer → table → stream mappings (filtered per consumer) → saga →
 * TTL expiry → EventBridge → functions. No sockets, no sleeps: `drain()` runs everything pending,
 * `advance()` moves virtual time.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUS, startService, type ServiceHarness } from '../testing/serviceHarness';
import type { SagaState } from '../../lib/saga/sagaEntities';

const MINUTE = 60_000;
let s: ServiceHarness;

beforeEach(async () => {
  s = await startService();
});
afterEach(async () => {
  await s.close();
});

const eventTypes = (orderId: string) =>
  s.runtime
    .messages(BUS)
    .map((m) => JSON.parse(m.body) as { 'detail-type': string; detail: { orderId?: string; entity?: { orderId?: string } } })
    .filter((e) => (e.detail.orderId ?? e.detail.entity?.orderId) === orderId)
    .map((e) => e['detail-type']);

const saga = async (orderId: string) => (await s.all<SagaState>('SagaState')).find((state) => state.sagaId === orderId);

describe('PlaceOrder', () => {
  it('happy path: holds the stock, captures the payment once, confirms the order and publishes its events', async () => {
    await s.putProduct('SKU-1', 1250, 5);
    await s.putProduct('SKU-2', 300, 1);

    const placed = await s.placeOrder('customer-42', [
      { sku: 'SKU-1', quantity: 2 },
      { sku: 'SKU-2', quantity: 1 },
    ]);
    expect(placed).toMatchObject({ status: 'PENDING', totalCents: 2800, customerId: 'customer-42' });
    await s.runtime.drain();

    expect(await s.order(placed.id)).toMatchObject({ status: 'CONFIRMED' });
    expect((await s.product('SKU-1'))?.stock).toBe(3);
    expect((await s.product('SKU-2'))?.stock).toBe(0);
    const holds = await s.holds(placed.id);
    expect(holds.map((h) => [h.sku, h.status, h.expiresAt])).toEqual([
      ['SKU-1', 'CONFIRMED', undefined],
      ['SKU-2', 'CONFIRMED', undefined],
    ]);
    expect(await s.payment(placed.id)).toMatchObject({ status: 'CAPTURED', captures: 1, amountCents: 2800 });
    expect((await saga(placed.id))?.status).toBe('COMPLETED');
    expect(eventTypes(placed.id)).toEqual(['Order Pending', 'Order Confirmed']);
    // Filters keep each consumer to its own records: none failed, none saw another's entity.
    expect(s.runtime.invocations().filter((i) => i.outcome !== 'success')).toEqual([]);
    expect(s.runtime.invocations('onOrderPlaced')).toHaveLength(1);
    expect(s.runtime.invocations('expireHolds')).toEqual([]);
    expect(s.runtime.invocations('onOrderCancelled')).toEqual([]);
  });

  it('stock short: the conditional decrement fails, nothing is held, the order is rejected', async () => {
    await s.putProduct('SKU-1', 1250, 1);
    const placed = await s.placeOrder('customer-42', [{ sku: 'SKU-1', quantity: 2 }]);
    await s.runtime.drain();

    expect(await s.order(placed.id)).toMatchObject({ status: 'REJECTED', reason: 'reserveStock failed: Not enough stock of SKU-1' });
    expect((await s.product('SKU-1'))?.stock).toBe(1);
    expect(await s.holds(placed.id)).toEqual([]);
    expect(await s.payment(placed.id)).toBeUndefined();
    expect((await saga(placed.id))?.status).toBe('COMPENSATED');
    expect(eventTypes(placed.id)).toEqual(['Order Pending', 'Order Rejected']);
  });

  it('payment declined (amount ending in .13): the hold is released and the order rejected', async () => {
    await s.putProduct('SKU-13', 1013, 3);
    const placed = await s.placeOrder('customer-42', [{ sku: 'SKU-13', quantity: 1 }]);
    await s.runtime.drain();

    expect(await s.order(placed.id)).toMatchObject({ status: 'REJECTED', reason: 'authorizePayment failed: Payment of 1013 cents was declined' });
    expect((await s.product('SKU-13'))?.stock).toBe(3);
    expect((await s.holds(placed.id)).map((h) => h.status)).toEqual(['RELEASED']);
    expect(await s.payment(placed.id)).toBeUndefined();
    const history = (await saga(placed.id))?.history.map((h) => `${h.step} ${h.phase} ${h.outcome}`);
    expect(history).toEqual([
      'acceptOrder action done',
      'reserveStock action done',
      'authorizePayment action failed',
      'reserveStock compensation done',
      'acceptOrder compensation done',
    ]);
  });

  // The stream mapping retries a failing batch, then sends it to the on-failure destination
  // (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html); TTL deletes
  // expired items later with a service REMOVE
  // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-streams.html).
  it('provider unavailable (amount ending in .19): retries run out, the hold expires and cancels the order, then the step times out', async () => {
    await s.putProduct('SKU-19', 1019, 2);
    const placed = await s.placeOrder('customer-42', [{ sku: 'SKU-19', quantity: 1 }]);
    await s.runtime.drain();

    // Retried (maximumRetryAttempts 3), then the batch's metadata went to the on-failure queue.
    const failed = s.runtime.invocations('runSagas').filter((i) => i.outcome !== 'success' || (i.result as { batchItemFailures: unknown[] }).batchItemFailures.length > 0);
    expect(failed).toHaveLength(4);
    expect(s.runtime.messages('OrderEventsDlq')).toHaveLength(1);
    expect(await s.order(placed.id)).toMatchObject({ status: 'PENDING' });
    expect((await s.product('SKU-19'))?.stock).toBe(1);

    s.advance(16 * MINUTE); // past the 15-minute hold
    await s.runtime.drain();
    expect(await s.order(placed.id)).toMatchObject({ status: 'CANCELLED', reason: 'stock hold expired before payment' });
    expect((await s.product('SKU-19'))?.stock).toBe(2);
    expect((await s.holds(placed.id)).map((h) => h.status)).toEqual(['RELEASED']);
    expect(s.runtime.invocations('onHoldExpired')).toHaveLength(1);
    expect(eventTypes(placed.id)).toEqual(['Order Pending', 'Hold Expired', 'Order Cancelled']);

    s.advance(5 * MINUTE); // past the authorizePayment step's 20-minute deadline
    await s.runtime.drain();
    const state = await saga(placed.id);
    expect(state?.status).toBe('COMPENSATED');
    expect(state?.history.map((h) => `${h.step} ${h.outcome}`)).toContain('authorizePayment timeout');
    expect((await s.product('SKU-19'))?.stock).toBe(2); // released once, not twice
    expect(await s.order(placed.id)).toMatchObject({ status: 'CANCELLED' });
  });

  it('cancellation of a confirmed order releases its stock and refunds the payment; a second cancel is a 409', async () => {
    await s.putProduct('SKU-1', 1250, 2);
    const placed = await s.placeOrder('customer-42', [{ sku: 'SKU-1', quantity: 2 }]);
    await s.runtime.drain();

    const cancelled = await s.runtime.http('POST', `/orders/${placed.id}/cancel`, undefined, await s.as('customer-42'));
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json).toMatchObject({ status: 'CANCELLED', reason: 'cancelled by the customer' });
    await s.runtime.drain();

    expect((await s.product('SKU-1'))?.stock).toBe(2);
    expect((await s.holds(placed.id)).map((h) => h.status)).toEqual(['RELEASED']);
    expect(await s.payment(placed.id)).toMatchObject({ status: 'REFUNDED', captures: 1 });
    expect(eventTypes(placed.id)).toEqual(['Order Pending', 'Order Confirmed', 'Order Cancelled']);

    const again = await s.runtime.http('POST', `/orders/${placed.id}/cancel`, undefined, await s.as('customer-42'));
    expect(again.statusCode).toBe(409);
    const stranger = await s.runtime.http('POST', `/orders/${placed.id}/cancel`, undefined, await s.as('customer-7'));
    expect(stranger.statusCode).toBe(404);
  });

  it('cancellation while the saga is pending: the saga fails to proceed and undoes its hold', async () => {
    await s.putProduct('SKU-1', 1250, 2);
    const placed = await s.placeOrder('customer-42', [{ sku: 'SKU-1', quantity: 1 }]);
    const cancelled = await s.runtime.http('POST', `/orders/${placed.id}/cancel`, undefined, await s.as('customer-42'));
    expect(cancelled.statusCode).toBe(200);
    await s.runtime.drain();

    expect(await s.order(placed.id)).toMatchObject({ status: 'CANCELLED' });
    expect((await s.product('SKU-1'))?.stock).toBe(2);
    expect(await s.payment(placed.id)).toBeUndefined();
    expect((await saga(placed.id))?.status).toBe('COMPENSATED');
  });

  it('concurrent orders for the last unit: exactly one wins', async () => {
    await s.putProduct('SKU-LAST', 999, 1);
    const orders = await Promise.all(['c-1', 'c-2', 'c-3'].map((c) => s.placeOrder(c, [{ sku: 'SKU-LAST', quantity: 1 }])));
    await s.runtime.drain();

    const statuses = await Promise.all(orders.map(async (o) => (await s.order(o.id))?.status));
    expect(statuses.filter((x) => x === 'CONFIRMED')).toHaveLength(1);
    expect(statuses.filter((x) => x === 'REJECTED')).toHaveLength(2);
    expect((await s.product('SKU-LAST'))?.stock).toBe(0);
    const payments = await Promise.all(orders.map((o) => s.payment(o.id)));
    expect(payments.filter((p) => p?.status === 'CAPTURED')).toHaveLength(1);
  });
});

// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
describe('the HTTP API', () => {
  it('requires a valid token on customer routes and the admin scope on admin routes', async () => {
    expect((await s.runtime.http('POST', '/orders', { lines: [{ sku: 'X', quantity: 1 }] })).statusCode).toBe(401);
    expect((await s.runtime.http('GET', '/orders', undefined, { authorization: 'Bearer not-a-jwt' })).statusCode).toBe(401);
    const asCustomer = await s.runtime.http('PUT', '/admin/products/SKU-1', { name: 'x', priceCents: 1, stock: 1 }, await s.as('customer-42'));
    expect(asCustomer.statusCode).toBe(403);
  });

  it('rejects unknown products and malformed lines with 400s naming the field, writing nothing', async () => {
    const unknown = await s.runtime.http('POST', '/orders', { lines: [{ sku: 'NOPE', quantity: 1 }] }, await s.as('customer-42'));
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json)).toContain('body.lines.0.sku');
    const zero = await s.runtime.http('POST', '/orders', { lines: [{ sku: 'NOPE', quantity: 0 }] }, await s.as('customer-42'));
    expect(zero.statusCode).toBe(400);
    expect(JSON.stringify(zero.json)).toContain('body.lines.0.quantity');
    expect(await s.all('Order')).toEqual([]);
  });

  it("gets only the caller's own order, and lists a customer's orders page by page with signed cursors", async () => {
    await s.putProduct('SKU-1', 100, 10);
    const mine = [];
    for (let i = 0; i < 3; i++) {
      mine.push(await s.placeOrder('customer-42', [{ sku: 'SKU-1', quantity: 1 }]));
      s.advance(1000);
    }
    await s.placeOrder('customer-7', [{ sku: 'SKU-1', quantity: 1 }]);

    expect((await s.runtime.http('GET', `/orders/${mine[0]!.id}`, undefined, await s.as('customer-42'))).statusCode).toBe(200);
    expect((await s.runtime.http('GET', `/orders/${mine[0]!.id}`, undefined, await s.as('customer-7'))).statusCode).toBe(404);

    const first = await s.runtime.http('GET', '/orders?limit=2', undefined, await s.as('customer-42'));
    const page1 = first.json as { orders: { id: string }[]; cursor?: string };
    expect(page1.orders.map((o) => o.id)).toEqual([mine[0]!.id, mine[1]!.id]);
    expect(page1.cursor).toEqual(expect.any(String));
    const second = await s.runtime.http('GET', `/orders?limit=2&cursor=${encodeURIComponent(page1.cursor!)}`, undefined, await s.as('customer-42'));
    expect((second.json as { orders: { id: string }[] }).orders.map((o) => o.id)).toEqual([mine[2]!.id]);

    const tampered = await s.runtime.http('GET', `/orders?cursor=${encodeURIComponent(`${page1.cursor!}x`)}`, undefined, await s.as('customer-42'));
    expect(tampered.statusCode).toBe(400);
  });
});
