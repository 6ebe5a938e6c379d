import { describe, expect, it } from 'vitest';
import { OrderEntity, orderSchema, type Order } from './order';

const order: Order = {
  id: '3f2b8c1e-9a4d-4e6b-8c7a-1d2e3f4a5b6c',
  customerId: 'customer-42',
  items: [{ sku: 'SKU-RED-MUG', quantity: 2, unitPriceCents: 1250 }],
  totalCents: 2500,
  status: 'PLACED',
  createdAt: '2024-07-25T09:33:20.000Z',
  version: 1,
};

describe('Order entity', () => {
  it('keys an order by id and indexes it by customer and creation time', () => {
    expect(OrderEntity.toItem(order)).toMatchObject({
      PK: 'ORDER#3f2b8c1e-9a4d-4e6b-8c7a-1d2e3f4a5b6c',
      SK: 'ORDER',
      GSI1PK: 'CUSTOMER#customer-42',
      GSI1SK: 'ORDER#2024-07-25T09:33:20.000Z#3f2b8c1e-9a4d-4e6b-8c7a-1d2e3f4a5b6c',
      entityType: 'Order',
    });
  });

  it.each([
    ['a non-uuid id', { id: 'order-1' }],
    ['an empty customerId', { customerId: '' }],
    ['a 65-char customerId', { customerId: 'c'.repeat(65) }],
    ['no items', { items: [] }],
    ['51 items', { items: Array.from({ length: 51 }, () => ({ sku: 's', quantity: 1, unitPriceCents: 1 })) }],
    ['a zero quantity', { items: [{ sku: 's', quantity: 0, unitPriceCents: 1 }] }],
    ['a quantity over 1000', { items: [{ sku: 's', quantity: 1001, unitPriceCents: 1 }] }],
    ['a fractional price', { items: [{ sku: 's', quantity: 1, unitPriceCents: 1.5 }] }],
    ['a negative price', { items: [{ sku: 's', quantity: 1, unitPriceCents: -1 }] }],
    ['an unknown status', { status: 'SHIPPED' }],
    ['a non-ISO createdAt', { createdAt: 'yesterday' }],
  ])('rejects %s', (_label, change) => {
    expect(orderSchema.safeParse({ ...order, ...change }).success).toBe(false);
  });

  it('accepts a valid order', () => {
    expect(orderSchema.parse(order)).toEqual(order);
  });
});
