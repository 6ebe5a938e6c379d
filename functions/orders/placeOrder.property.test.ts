/**
 * Property: whatever orders arrive, in whatever order, with declined and unavailable payments,
 * customer cancellations, time passing (holds and saga deadlines expiring) and stream records
 * delivered twice (at-least-once), the service keeps its invariants:
 * - stock never goes negative, and initial stock = stock + quantity of HELD or CONFIRMED holds;
 * - no payment is captured twice;
 * - once everything settles, every hold is CONFIRMED (its order is) or RELEASED, no order is
 *   PENDING, and only CONFIRMED orders keep captured money.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Product } from '../catalog/product';
import type { Payment } from '../payments/payment';
import { startService, type ServiceHarness } from '../testing/serviceHarness';
import type { Hold } from './hold';
import type { Order } from './order';

// Prices chosen so totals end in .13 (declined) or .19 (provider unavailable) now and then.
const PRODUCTS = { A: { price: 1000, stock: 3 }, B: { price: 613, stock: 2 }, C: { price: 1019, stock: 2 }, D: { price: 250, stock: 4 } } as const;
type Sku = keyof typeof PRODUCTS;

type Command =
  | { kind: 'order'; customer: string; lines: { sku: Sku; quantity: number }[] }
  | { kind: 'cancel'; pick: number }
  | { kind: 'drain' }
  | { kind: 'advance'; minutes: number }
  | { kind: 'redeliver'; pick: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('order' as const),
      customer: fc.constantFrom('c-1', 'c-2'),
      lines: fc.uniqueArray(fc.record({ sku: fc.constantFrom<Sku>('A', 'B', 'C', 'D'), quantity: fc.integer({ min: 1, max: 2 }) }), { minLength: 1, maxLength: 3, selector: (l) => l.sku }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drain' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('advance' as const), minutes: fc.integer({ min: 1, max: 25 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('redeliver' as const), pick: fc.nat() }) },
);

async function checkStock(s: ServiceHarness): Promise<void> {
  const holds = await s.all<Hold>('Hold');
  for (const product of await s.all<Product>('Product')) {
    expect(product.stock).toBeGreaterThanOrEqual(0);
    const held = holds.filter((h) => h.sku === product.sku && h.status !== 'RELEASED').reduce((sum, h) => sum + h.quantity, 0);
    expect(product.stock + held).toBe(PRODUCTS[product.sku as Sku].stock);
  }
  for (const payment of await s.all<Payment>('Payment')) expect(payment.captures).toBeLessThanOrEqual(1);
}

async function run(commands: Command[]): Promise<void> {
  const s = await startService();
  try {
    for (const [sku, p] of Object.entries(PRODUCTS)) await s.putProduct(sku, p.price, p.stock);
    const orders: string[] = [];
    for (const c of commands) {
      if (c.kind === 'order') orders.push((await s.placeOrder(c.customer, c.lines)).id);
      else if (c.kind === 'cancel' && orders.length > 0) {
        const id = orders[c.pick % orders.length]!;
        const owner = (await s.order(id))!.customerId;
        const res = await s.runtime.http('POST', `/orders/${id}/cancel`, undefined, await s.as(owner));
        expect([200, 409]).toContain(res.statusCode);
      } else if (c.kind === 'drain') {
        await s.runtime.drain();
        await checkStock(s);
      } else if (c.kind === 'advance') s.advance(c.minutes * 60_000);
      else if (c.kind === 'redeliver') {
        // At-least-once delivery: hand a saga or order-start batch that was already processed to its function again.
        const delivered = s.runtime.invocations().filter((i) => i.functionKey === 'runSagas' || i.functionKey === 'onOrderPlaced');
        const again = delivered[c.pick % Math.max(1, delivered.length)];
        if (again) await s.runtime.functions.get(again.functionKey)!.invoke(again.event, again.trigger);
      }
    }
    // Settle: past every hold (15 min) and every step deadline (20 min), twice over.
    for (let i = 0; i < 3; i++) {
      s.advance(25 * 60_000);
      await s.runtime.drain();
    }
    await checkStock(s);
    const all = new Map((await s.all<Order>('Order')).map((o) => [o.id, o]));
    for (const order of all.values()) expect(order.status).not.toBe('PENDING');
    for (const hold of await s.all<Hold>('Hold')) {
      const status = all.get(hold.orderId)?.status;
      expect(hold.status).toBe(status === 'CONFIRMED' ? 'CONFIRMED' : 'RELEASED');
    }
    for (const payment of await s.all<Payment>('Payment')) {
      const status = all.get(payment.orderId)?.status;
      expect(payment.status).toBe(status === 'CONFIRMED' ? 'CAPTURED' : payment.captures === 1 ? 'REFUNDED' : 'VOIDED');
    }
  } finally {
    await s.close();
  }
}

describe('PlaceOrder invariants (property)', () => {
  it('hold for random orders, cancellations, expiries, failures and duplicate deliveries', async () => {
    await fc.assert(fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 14 }), run), { numRuns: 50 });
  }, 240_000);
});
