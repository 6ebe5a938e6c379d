/** Base of the order domain's errors; `code` is dotted and stable. */
export class OrderError extends Error {
  override readonly name: string = 'OrderError';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Not enough stock of `sku` to hold for an order. */
export class OutOfStockError extends OrderError {
  override readonly name = 'OutOfStockError';

  constructor(readonly sku: string) {
    super('order.out_of_stock', `Not enough stock of ${sku}`);
  }
}

/** The order is no longer PENDING (cancelled or expired while its saga ran). */
export class OrderNotPendingError extends OrderError {
  override readonly name = 'OrderNotPendingError';

  constructor(readonly orderId: string) {
    super('order.not_pending', `Order ${orderId} is no longer pending`);
  }
}

/** A hold could not be confirmed: it expired (or was released) before payment. */
export class HoldLostError extends OrderError {
  override readonly name = 'HoldLostError';

  constructor(readonly orderId: string) {
    super('order.hold_lost', `The stock held for order ${orderId} expired or was released before payment`);
  }
}
