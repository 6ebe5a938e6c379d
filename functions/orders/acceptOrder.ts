import { ConflictError } from '../../lib/repository/errors';
import type { Order } from './order';
import type { OrderStore } from './orderRepository';

/** What accepting did: `accepted`, or `skipped` because the order is no longer PLACED (or gone). */
export type AcceptOutcome = 'accepted' | 'skipped';

/**
 * Moves a PLACED order to ACCEPTED with optimistic locking. Idempotent under redelivery: an order
 * that is no longer PLACED (already accepted, cancelled, deleted) is left alone. If the order
 * changed but is still PLACED, retries once against its current version; a second lost race
 * throws {@link ConflictError} so the record is retried.
 */
export async function acceptOrder(store: Pick<OrderStore, 'get' | 'update'>, seen: Order): Promise<AcceptOutcome> {
  let current: Order | undefined = seen;
  for (let attempt = 0; ; attempt += 1) {
    if (current === undefined || current.status !== 'PLACED') return 'skipped';
    try {
      await store.update({ id: current.id }, { status: 'ACCEPTED' }, { expectedVersion: current.version });
      return 'accepted';
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= 1) throw error;
    }
    current = await store.get({ id: seen.id }, { consistentRead: true });
  }
}
