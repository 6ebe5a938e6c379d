/** What the service needs from a card payment provider. Every call is idempotent by `idempotencyKey`. */
export interface PaymentProvider {
  /** Reserves `amountCents` on the customer's card; throws {@link PaymentDeclinedError} when refused. */
  authorize(request: { idempotencyKey: string; customerId: string; amountCents: number }): Promise<{ authorizationId: string }>;
  /** Takes the authorized money. */
  capture(request: { idempotencyKey: string; authorizationId: string }): Promise<void>;
  /** Cancels an authorization that was not captured. */
  void(request: { idempotencyKey: string; authorizationId: string }): Promise<void>;
  /** Gives captured money back. */
  refund(request: { idempotencyKey: string; authorizationId: string }): Promise<void>;
}

/** Base of the payment errors; `code` is dotted and stable. */
export class PaymentError extends Error {
  override readonly name: string = 'PaymentError';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The provider refused the authorization: a business outcome, the saga compensates. */
export class PaymentDeclinedError extends PaymentError {
  override readonly name = 'PaymentDeclinedError';

  constructor(readonly amountCents: number) {
    super('payment.declined', `Payment of ${amountCents} cents was declined`);
  }
}

/**
 * The provider did not answer: transient, so `retryable` — the saga runner lets the stream
 * mapping retry the step until its deadline passes (see lib/saga).
 */
export class PaymentUnavailableError extends PaymentError {
  override readonly name = 'PaymentUnavailableError';
  readonly retryable = true;

  constructor() {
    super('payment.unavailable', 'The payment provider did not answer');
  }
}

/** A capture was asked for a payment that is no longer authorized (voided by a cancellation). */
export class PaymentNotCapturableError extends PaymentError {
  override readonly name = 'PaymentNotCapturableError';

  constructor(
    readonly orderId: string,
    readonly status: string | undefined,
  ) {
    super('payment.not_capturable', `Payment of order ${orderId} cannot be captured (status ${status ?? 'none'})`);
  }
}
