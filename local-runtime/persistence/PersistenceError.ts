/** The data directory cannot be used (a damaged file, not writable…): names the file and, for damage, the byte offset. */
export class PersistenceError extends Error {
  override readonly name = 'PersistenceError';
  readonly code = 'persistence.damaged';

  constructor(
    message: string,
    readonly file?: string,
    readonly offset?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
