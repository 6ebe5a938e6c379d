/** Error family of the local Lambda runtime (handler loading and bundling). */
export class LambdaError extends Error {
  override readonly name: string = 'LambdaError';
  /** Dotted code, e.g. `lambda.handler.notFound`. */
  readonly code: string;
  /** The handler string from serverless.yml, e.g. `functions/orders/createOrder.handler`. */
  readonly handler: string;
  /** Files that were looked for, in order. */
  readonly tried: string[];

  constructor(code: string, message: string, data: { handler: string; tried?: string[]; cause?: unknown }) {
    super(message, data.cause === undefined ? undefined : { cause: data.cause });
    this.code = code;
    this.handler = data.handler;
    this.tried = data.tried ?? [];
  }
}
