import * as v from 'valibot';
import { defineEntity } from '../repository/defineEntity';

/** Where a saga is: RUNNING step `step`, COMPENSATING step `step` (down to -1), or finished. */
export const sagaStatuses = ['RUNNING', 'COMPENSATING', 'COMPLETED', 'COMPENSATED'] as const;

const int = v.pipe(v.number(), v.safeInteger());
const nonEmpty = v.pipe(v.string(), v.minLength(1));

const historyEntry = v.object({
  step: v.string(),
  phase: v.picklist(['action', 'compensation']),
  outcome: v.picklist(['done', 'failed', 'timeout']),
  at: v.string(),
  detail: v.optional(v.string()),
});

/** The one item holding a saga's state. */
export const SagaStateEntity = defineEntity({
  name: 'SagaState',
  schema: v.object({
    sagaId: nonEmpty,
    saga: nonEmpty,
    status: v.picklist(sagaStatuses),
    step: v.pipe(int, v.minValue(-1)),
    /** Absent when the saga was started with `undefined` (the item does not store it). */
    input: v.optional(v.unknown()),
    history: v.array(historyEntry),
    version: v.pipe(int, v.minValue(1)),
  }),
  key: { pk: (s: { sagaId: string }) => `SAGA#${s.sagaId}`, sk: () => 'STATE' },
});

/** A step's deadline: a TTL item whose expiry (a service REMOVE) times the step out. */
export const SagaDeadlineEntity = defineEntity({
  name: 'SagaDeadline',
  schema: v.object({ sagaId: nonEmpty, step: v.pipe(int, v.minValue(0)), expiresAt: int }),
  key: { pk: (d: { sagaId: string; step: number }) => `SAGA#${d.sagaId}`, sk: (d) => `DEADLINE#${String(d.step).padStart(4, '0')}` },
  ttlAttribute: 'expiresAt',
});

export type SagaState = v.InferOutput<typeof SagaStateEntity.schema>;
export type SagaHistoryEntry = v.InferOutput<typeof historyEntry>;
