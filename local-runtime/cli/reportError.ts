import { HttpApiError } from '../http-api/errors';
import { LambdaError } from '../lambda/errors';
import { MappingError } from '../mappings/errors';
import { FilterError } from '../mappings/filter/FilterError';
import { RuntimeError } from '../runtime/errors';
import { ServiceError } from '../service/ServiceError';
import { CliError } from './CliError';
import { PersistenceError } from '../persistence/PersistenceError';
import { color } from './colors';
import { EXIT } from './exitCodes';

/** Errors meaning "this serverless.yml (or a file it names) cannot run locally". */
const CONFIG_ERRORS = [RuntimeError, ServiceError, LambdaError, MappingError, FilterError, HttpApiError];

/**
 * Prints an error the user can act on (message and hint, no stack) and returns the exit code;
 * returns undefined for anything else, which the caller rethrows as a bug.
 */
export function reportError(error: unknown): number | undefined {
  if (error instanceof CliError) {
    print(error.message, error.hint);
    return error.exitCode;
  }
  if (error instanceof PersistenceError) {
    print(error.message, 'the data directory is left as it is; `--repair` salvages the records that verify (keeping a copy of the original)');
    return EXIT.usage;
  }
  if (CONFIG_ERRORS.some((type) => error instanceof type)) {
    print((error as Error).message, 'fix serverless.yml (or the file it names) and run the command again');
    return EXIT.usage;
  }
  return undefined;
}

function print(message: string, hint: string | undefined): void {
  process.stderr.write(`${color.red('tidepool:')} ${message}\n`);
  if (hint) process.stderr.write(`${color.dim(`hint: ${hint}`)}\n`);
}
