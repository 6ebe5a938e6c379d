/** Error family of the HTTP API emulation (invalid route definitions). */
export class HttpApiError extends Error {
  override readonly name: string = 'HttpApiError';
  /** Dotted code, e.g. `httpApi.route.invalid`. */
  readonly code: string;
  /** The offending route key, when known. */
  readonly routeKey: string | undefined;

  constructor(code: string, message: string, data: { routeKey?: string } = {}) {
    super(message);
    this.code = code;
    this.routeKey = data.routeKey;
  }
}
