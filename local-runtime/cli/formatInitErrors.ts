import type { FunctionInitFailure } from '../runtime/buildFunctions';
import { color } from './colors';

/**
 * The functions whose Init failed, one line each (`✗ key (handler): errorType: first line of the
 * message · hint`), under a heading; empty text when there are none.
 *
 * @example
 * process.stderr.write(formatInitErrors(runtime.initErrors));
 */
export function formatInitErrors(failures: FunctionInitFailure[]): string {
  if (failures.length === 0) return '';
  const heading = `${failures.length} function${failures.length === 1 ? '' : 's'} failed to initialise; ${failures.length === 1 ? 'its' : 'their'} invocations fail with this Init error (retried at each invocation):`;
  const lines = failures.map((failure) => {
    const first = failure.error.errorMessage.split('\n', 1)[0];
    const hint = failure.hint === undefined ? '' : color.dim(` · ${failure.hint.split('\n').join(' ')}`);
    return `  ${color.red('✗')} ${failure.functionKey} (${failure.handler}): ${failure.error.errorType}: ${first}${hint}`;
  });
  return `${color.yellow(heading)}\n${lines.join('\n')}\n`;
}
