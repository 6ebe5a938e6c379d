import { describe, expect, it, vi } from 'vitest';
import type { Order } from './order';
import { newOrder, orderTotal, placeOrder, placeOrderInput } from './placeOrder';

const input = {
  customerId: 'customer-42',
  items: [
    { sku: 'SKU-RED-MUG', quantity: 2, unitPriceCents: 1250 },
    { sku: 'SKU-TEA-100G', quantity: 1, unitPriceCents: 899 },
  ],
};
const id = '3f2b8c1e-9a4d-4e6b-8c7a-1d2e3f4a5b6c';
const now = new Date('2024-07-25T09:33:20Z');

describe('placeOrder', () => {
  it('totals quantity × unit price', () => {
    expect(orderTotal(input.items)).toBe(3399);
    expect(orderTotal([])).toBe(0);
  });

  it('builds a PLACED order at version 1', () => {
    expect(newOrder(input, id, now)).toEqual({ id, ...input, totalCents: 3399, status: 'PLACED', createdAt: '2024-07-25T09:33:20.000Z', version: 1 });
  });

  it('rejects unknown fields in the body and its items', () => {
    expect(placeOrderInput.safeParse({ ...input, status: 'ACCEPTED' }).success).toBe(false);
    expect(placeOrderInput.safeParse({ ...input, items: [{ ...input.items[0], discount: 5 }] }).success).toBe(false);
    expect(placeOrderInput.safeParse(input).success).toBe(true);
  });

  it('stores the order without overwriting an existing one', async () => {
    const put = vi.fn(async (order: Order, _options?: { ifNotExists?: boolean }) => order);
    const order = await placeOrder({ put }, input, id, now);
    expect(put).toHaveBeenCalledWith(order, { ifNotExists: true });
  });
});
