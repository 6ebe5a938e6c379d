/** What an action or a compensation receives. */
export interface SagaStepContext<Input> {
  sagaId: string;
  input: Input;
  step: string;
  /**
   * Stable per saga, step and phase (`<sagaId>#<step>` for the action, `…#compensate` for the
   * compensation): pass it to downstream calls so a redelivered step does not act twice.
   */
  idempotencyKey: string;
}

/** One step: an action, the compensation that undoes it, and how long the action may take. */
export interface SagaStep<Input> {
  name: string;
  action: (context: SagaStepContext<Input>) => Promise<void>;
  compensate: (context: SagaStepContext<Input>) => Promise<void>;
  /** Seconds the step may stay current before its deadline expires and the saga compensates. */
  timeoutSeconds: number;
}

/** A saga declared as data: a name and ordered steps. */
export interface SagaDefinition<Input> {
  readonly name: string;
  readonly steps: readonly SagaStep<Input>[];
}

/**
 * Declares a saga. Steps run in order; if one fails (throws) or times out, the compensations of
 * the steps that completed run in reverse order.
 *
 * @example
 * const checkout = defineSaga<{ orderId: string }>({
 *   name: 'checkout',
 *   steps: [
 *     { name: 'reserve', timeoutSeconds: 30, action: reserveStock, compensate: releaseStock },
 *     { name: 'charge', timeoutSeconds: 60, action: chargeCard, compensate: refundCard },
 *   ],
 * });
 */
export function defineSaga<Input>(definition: { name: string; steps: readonly SagaStep<Input>[] }): SagaDefinition<Input> {
  const names = new Set(definition.steps.map((s) => s.name));
  if (names.size !== definition.steps.length) throw new Error(`Saga ${definition.name}: step names must be unique`);
  if (definition.steps.length === 0) throw new Error(`Saga ${definition.name}: needs at least one step`);
  return { name: definition.name, steps: [...definition.steps] };
}
