import * as z from 'zod/mini';
import { defineEntity } from '../repository/defineEntity';

/** Where a saga is: RUNNING step `step`, COMPENSATING step `step` (down to -1), or finished. */
export const sagaStatuses = ['RUNNING', 'COMPENSATING', 'COMPLETED', 'COMPENSATED'] as const;

const historyEntry = z.object({
  step: z.string(),
  phase: z.enum(['action', 'compensation']),
  outcome: z.enum(['done', 'failed', 'timeout']),
  at: z.string(),
  detail: z.optional(z.string()),
});

/** The one item holding a saga's state. */
export const SagaStateEntity = defineEntity({
  name: 'SagaState',
  schema: z.object({
    sagaId: z.string().check(z.minLength(1)),
    saga: z.string().check(z.minLength(1)),
    status: z.enum(sagaStatuses),
    step: z.int().check(z.minimum(-1)),
    input: z.unknown(),
    history: z.array(historyEntry),
    version: z.int().check(z.minimum(1)),
  }),
  key: { pk: (s: { sagaId: string }) => `SAGA#${s.sagaId}`, sk: () => 'STATE' },
});

/** A step's deadline: a TTL item whose expiry (a service REMOVE) times the step out. */
export const SagaDeadlineEntity = defineEntity({
  name: 'SagaDeadline',
  schema: z.object({ sagaId: z.string().check(z.minLength(1)), step: z.int().check(z.minimum(0)), expiresAt: z.int() }),
  key: { pk: (d: { sagaId: string; step: number }) => `SAGA#${d.sagaId}`, sk: (d) => `DEADLINE#${String(d.step).padStart(4, '0')}` },
  ttlAttribute: 'expiresAt',
});

export type SagaState = z.output<typeof SagaStateEntity.schema>;
export type SagaHistoryEntry = z.output<typeof historyEntry>;
