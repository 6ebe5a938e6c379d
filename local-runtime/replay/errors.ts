/** Error family of replay / record: input the user must fix. `problems` lists every one found. */
export class ReplayError extends Error {
  override readonly name: string = 'ReplayError';
  /** Dotted code, e.g. `replay.input.invalid`. */
  readonly code: string;
  /** Every problem found, each `where: field: what` (file, line or index, field). */
  readonly problems: string[];

  constructor(code: string, message: string, problems: string[] = [], options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.problems = problems;
  }
}
