/** Error family of the event-source-mapping emulation (configuration problems). */
export class MappingError extends Error {
  override readonly name: string = 'MappingError';
  /** Dotted code, e.g. `mappings.option.unsupported`. */
  readonly code: string;
  /** The function key of the mapping, when known. */
  readonly functionKey: string | undefined;

  constructor(code: string, message: string, data: { functionKey?: string; cause?: unknown } = {}) {
    super(message, data.cause === undefined ? undefined : { cause: data.cause });
    this.code = code;
    this.functionKey = data.functionKey;
  }
}
