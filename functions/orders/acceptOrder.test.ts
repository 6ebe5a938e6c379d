import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../lib/repository/errors';
import { acceptOrder } from './acceptOrder';
import type { Order, OrderKey } from './order';

const placed: Order = {
  id: '3f2b8c1e-9a4d-4e6b-8c7a-1d2e3f4a5b6c',
  customerId: 'customer-42',
  items: [{ sku: 'SKU-RED-MUG', quantity: 2, unitPriceCents: 1250 }],
  totalCents: 2500,
  status: 'PLACED',
  createdAt: '2024-07-25T09:33:20.000Z',
  version: 1,
};

/** An in-memory store with DynamoDB's optimistic-locking semantics for one order. */
function memoryStore(initial: Order | undefined, onUpdate?: () => void) {
  const state = { current: initial, updates: 0 };
  return {
    state,
    async get(_key: OrderKey) {
      return state.current;
    },
    async update(_key: OrderKey, changes: Partial<Omit<Order, 'version'>>, { expectedVersion }: { expectedVersion: number }) {
      onUpdate?.();
      if (!state.current || state.current.version !== expectedVersion) throw new ConflictError('Order', 'version', 'conflict');
      state.updates += 1;
      state.current = { ...state.current, ...changes, version: expectedVersion + 1 };
      return state.current;
    },
  };
}

describe('acceptOrder', () => {
  it('accepts a PLACED order and bumps its version', async () => {
    const store = memoryStore(placed);
    expect(await acceptOrder(store, placed)).toBe('accepted');
    expect(store.state.current).toMatchObject({ status: 'ACCEPTED', version: 2 });
  });

  it('is a no-op on redelivery once the order is accepted', async () => {
    const store = memoryStore(placed);
    await acceptOrder(store, placed);
    expect(await acceptOrder(store, placed)).toBe('skipped');
    expect(store.state.updates).toBe(1);
  });

  it('skips an image that is not PLACED without writing', async () => {
    const store = memoryStore({ ...placed, status: 'CANCELLED' });
    expect(await acceptOrder(store, { ...placed, status: 'CANCELLED' })).toBe('skipped');
    expect(store.state.updates).toBe(0);
  });

  it('leaves a cancelled order cancelled even if the stream image says PLACED', async () => {
    const store = memoryStore({ ...placed, status: 'CANCELLED', version: 2 });
    expect(await acceptOrder(store, placed)).toBe('skipped');
    expect(store.state.current?.status).toBe('CANCELLED');
  });

  it('retries against the current version when the order changed but is still PLACED', async () => {
    const store = memoryStore({ ...placed, version: 3 });
    expect(await acceptOrder(store, placed)).toBe('accepted');
    expect(store.state.current).toMatchObject({ status: 'ACCEPTED', version: 4 });
  });

  it('gives up (throws) after losing the race twice so the record is retried', async () => {
    const store = memoryStore(placed, () => {
      if (store.state.current) store.state.current = { ...store.state.current, version: store.state.current.version + 1 };
    });
    await expect(acceptOrder(store, placed)).rejects.toBeInstanceOf(ConflictError);
  });
});
