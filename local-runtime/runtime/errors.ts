/** Errors raised while building or running a local runtime from serverless.yml. */
export class RuntimeError extends Error {
  override readonly name: string = 'RuntimeError';
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * The service description cannot be run locally; `problems` name each function and what is wrong,
 * `file` the service file (when known; createRuntime adds it).
 */
export class ServiceConfigError extends RuntimeError {
  override readonly name = 'ServiceConfigError';
  readonly problems: string[];
  readonly file: string | undefined;

  constructor(problems: string[], file?: string) {
    super('runtime.service-config', `${file ?? 'serverless.yml'} cannot be run locally:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
    this.file = file;
  }
}

/** `drain()` could not reach a quiescent state (a handler keeps failing with unlimited retries). */
export class DrainError extends RuntimeError {
  override readonly name = 'DrainError';
  readonly functionKey: string;
  readonly lastError: unknown;
  /** The event (batch) that kept failing, when known. */
  readonly batch: unknown;

  constructor(functionKey: string, polls: number, lastError: unknown, batch?: unknown) {
    super(
      'runtime.drain-stuck',
      (batch === undefined
        ? `drain(): stream mapping of function ${functionKey} still has pending records after ${polls} polls ` +
          '(its handler keeps failing and maximumRetryAttempts is unlimited?). Last error: '
        : `drain(): function ${functionKey} kept failing past its retry budget (see .batch). Last error: `) +
        describe(lastError),
    );
    this.functionKey = functionKey;
    this.lastError = lastError;
    this.batch = batch;
  }
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'errorMessage' in error) return String(error.errorMessage);
  return error === undefined ? 'none recorded' : String(error);
}
