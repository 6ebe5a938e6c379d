import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../aws/documentClient';
import { logger } from '../observability/logger';
import { ConflictError } from '../repository/errors';
import { expiresAt, isExpired } from '../repository/expiresAt';
import { Repository } from '../repository/Repository';
import { streamHandler, type StreamHandler } from '../streams/streamHandler';
import type { SagaDefinition, SagaStepContext } from './defineSaga';
import { UnknownSagaError } from './errors';
import { SagaDeadlineEntity, SagaStateEntity, type SagaHistoryEntry, type SagaState } from './sagaEntities';

/** Options of {@link sagaRunner}. */
export interface SagaRunnerOptions {
  // Sagas of any input type: the runner hands each its own input back.
  sagas: readonly SagaDefinition<never>[];
  /** Table holding state and deadline items (its stream feeds the runner, with TTL on `expiresAt`). */
  tableName: string | (() => string);
  client?: DynamoDBDocumentClient;
  /** Clock for history and deadlines (default: the system clock). */
  now?: () => Date;
}

/** A saga runner: `start` creates a saga; `handler` is the stream handler that advances sagas. */
export interface SagaRunner {
  start<Input>(saga: SagaDefinition<Input>, sagaId: string, input: Input): Promise<SagaState>;
  handler: StreamHandler<typeof SagaStateEntity | typeof SagaDeadlineEntity>;
}

/** Whether an action's error says it is transient (`retryable: true`). */
const isRetryable = (error: unknown): boolean => typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === true;

type Transition = Partial<Pick<SagaState, 'status' | 'step' | 'history'>>;

/**
 * Runs sagas declared with `defineSaga` from the table's stream. Each state change (INSERT/MODIFY
 * of the state item) runs one step, then moves the state on with a version-conditioned update, so
 * under at-least-once delivery each transition happens once: a redelivered or stale record loses
 * the condition (or sees a newer version first) and changes nothing. A failed step, or one whose
 * deadline passed, switches to COMPENSATING and the completed steps' compensations run in reverse.
 * An action that throws an error with `retryable: true` is not a failure: the record fails and the
 * mapping retries the step until it succeeds or its deadline expires.
 * Deadlines are TTL items; their expiry (a service REMOVE, see lib/ttl) takes the timeout path.
 *
 * @example
 * const runner = sagaRunner({ sagas: [checkout], tableName: () => process.env.TABLE_NAME! });
 * export const handler = runner.handler; // stream of the table, ReportBatchItemFailures
 * await runner.start(checkout, orderId, { orderId });
 */
export function sagaRunner(options: SagaRunnerOptions): SagaRunner {
  const sagas = new Map(options.sagas.map((saga) => [saga.name, saga as SagaDefinition<unknown>]));
  const now = options.now ?? (() => new Date());
  const states = () => new Repository(SagaStateEntity, options.tableName, options.client ?? documentClient());
  const deadlines = () => new Repository(SagaDeadlineEntity, options.tableName, options.client ?? documentClient());

  const definitionOf = (state: SagaState) => {
    const saga = sagas.get(state.saga);
    if (saga === undefined) throw new UnknownSagaError(state.saga);
    return saga;
  };

  const entry = (step: string, phase: SagaHistoryEntry['phase'], outcome: SagaHistoryEntry['outcome'], detail?: string): SagaHistoryEntry => ({
    step,
    phase,
    outcome,
    at: now().toISOString(),
    ...(detail === undefined ? {} : { detail }),
  });

  /** Applies a transition if the state is still at `from.version`; a lost race means another delivery did it. */
  const transition = async (from: SagaState, change: Transition): Promise<boolean> => {
    try {
      await states().update({ sagaId: from.sagaId }, change, { expectedVersion: from.version });
      return true;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      logger.info('Saga transition already applied', { sagaId: from.sagaId, version: from.version });
      return false;
    }
  };

  const compensateFrom = (state: SagaState, failed: SagaHistoryEntry): Transition => ({
    status: state.step === 0 ? 'COMPENSATED' : 'COMPENSATING',
    step: state.step - 1,
    history: [...state.history, failed],
  });

  const context = (state: SagaState, stepName: string, phase: 'action' | 'compensation'): SagaStepContext<unknown> => ({
    sagaId: state.sagaId,
    input: state.input,
    step: stepName,
    idempotencyKey: `${state.sagaId}#${stepName}${phase === 'compensation' ? '#compensate' : ''}`,
  });

  const runStep = async (state: SagaState): Promise<void> => {
    const saga = definitionOf(state);
    const step = saga.steps[state.step];
    if (step === undefined) return;
    const deadline = await ensureDeadline(state, step.timeoutSeconds);
    if (isExpired(deadline.expiresAt, now())) {
      await transition(state, compensateFrom(state, entry(step.name, 'action', 'timeout')));
      return;
    }
    try {
      await step.action(context(state, step.name, 'action'));
    } catch (error) {
      // A transient failure (`retryable: true`) fails the record instead: the mapping retries the
      // step, and the step's deadline bounds how long (its expiry takes the timeout path).
      if (isRetryable(error)) throw error;
      logger.warn('Saga step failed; compensating', { sagaId: state.sagaId, step: step.name, error: error as Error });
      await transition(state, compensateFrom(state, entry(step.name, 'action', 'failed', error instanceof Error ? error.message : String(error))));
      return;
    }
    const last = state.step === saga.steps.length - 1;
    const moved = await transition(state, { status: last ? 'COMPLETED' : 'RUNNING', step: last ? state.step : state.step + 1, history: [...state.history, entry(step.name, 'action', 'done')] });
    if (moved) await deadlines().delete({ sagaId: state.sagaId, step: state.step });
  };

  const runCompensation = async (state: SagaState): Promise<void> => {
    const step = definitionOf(state).steps[state.step];
    if (step === undefined) return;
    // A failing compensation throws: the record is retried until it succeeds (compensations must not give up).
    await step.compensate(context(state, step.name, 'compensation'));
    await transition(state, { status: state.step === 0 ? 'COMPENSATED' : 'COMPENSATING', step: state.step - 1, history: [...state.history, entry(step.name, 'compensation', 'done')] });
  };

  /** The step's deadline item, written once (a retry keeps the first deadline). */
  const ensureDeadline = async (state: SagaState, timeoutSeconds: number) => {
    const deadline = { sagaId: state.sagaId, step: state.step, expiresAt: expiresAt({ seconds: timeoutSeconds }, now()) };
    try {
      return await deadlines().put(deadline, { ifNotExists: true });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return (await deadlines().get(deadline, { consistentRead: true })) ?? deadline;
    }
  };

  const handlers: Record<string, (state: SagaState) => Promise<void>> = { RUNNING: runStep, COMPENSATING: runCompensation };

  const handler = streamHandler({ entities: [SagaStateEntity, SagaDeadlineEntity] })
    .on('SagaState', ['INSERT', 'MODIFY'], async ({ newEntity }) => {
      if (newEntity === undefined) return;
      // Act only on the latest state: a stale or duplicate record must not run a step again.
      const current = await states().get({ sagaId: newEntity.sagaId }, { consistentRead: true });
      if (current === undefined || current.version !== newEntity.version) return;
      await handlers[current.status]?.(current);
    })
    .on('SagaDeadline', 'REMOVE', async ({ oldEntity, expired }) => {
      if (!expired || oldEntity === undefined) return; // our own delete after the step completed
      const current = await states().get({ sagaId: oldEntity.sagaId }, { consistentRead: true });
      if (current === undefined || current.status !== 'RUNNING' || current.step !== oldEntity.step) return;
      const step = definitionOf(current).steps[current.step];
      await transition(current, compensateFrom(current, entry(step?.name ?? String(current.step), 'action', 'timeout')));
    });

  return {
    handler,
    async start(saga, sagaId, input) {
      if (!sagas.has(saga.name)) throw new UnknownSagaError(saga.name);
      return states().put({ sagaId, saga: saga.name, status: 'RUNNING', step: 0, input, history: [], version: 1 }, { ifNotExists: true });
    },
  };
}
