import type { LambdaErrorPayload } from './types';

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

/**
 * A function's Init phase failed: its handler could not be bundled, its module could not be loaded
 * or threw while loading, or the export is missing. `payload` is what Lambda's Node.js runtime
 * reports for it (`Runtime.ImportModuleError`, `Runtime.HandlerNotFound`,
 * `Runtime.UserCodeSyntaxError`, `Runtime.MalformedHandlerName`, or the thrown error's own type),
 * and what every invocation of the function answers while the failure lasts.
 * `hint` says what to do locally, when Tidepool knows.
 */
export class FunctionInitError extends LambdaError {
  override readonly name: string = 'FunctionInitError';
  /** The error as Lambda reports it: errorType, errorMessage, trace. */
  readonly payload: LambdaErrorPayload;
  readonly hint: string | undefined;

  constructor(data: { handler: string; payload: LambdaErrorPayload; hint?: string; tried?: string[]; cause?: unknown }) {
    super(
      `lambda.init.${data.payload.errorType}`,
      `Handler "${data.handler}": ${data.payload.errorType}: ${data.payload.errorMessage}${data.hint === undefined ? '' : `\n${data.hint}`}`,
      data,
    );
    this.payload = data.payload;
    this.hint = data.hint;
  }
}
