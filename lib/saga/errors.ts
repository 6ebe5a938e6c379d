/** Base of the saga runner's errors; `code` is dotted and stable. */
export class SagaError extends Error {
  override readonly name: string = 'SagaError';

  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A state item names a saga the runner was not given. */
export class UnknownSagaError extends SagaError {
  override readonly name = 'UnknownSagaError';

  constructor(readonly saga: string) {
    super('saga.unknown', `No saga named ${JSON.stringify(saga)} is registered with this runner: pass its definition in sagaRunner({ sagas })`);
  }
}
