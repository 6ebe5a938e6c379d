import { EXIT } from './exitCodes';

/** A problem the user can fix: printed as `tidepool <command>: message` plus a hint, without a stack. */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(message: string, hint?: string, exitCode: number = EXIT.usage) {
    super(message);
    this.hint = hint;
    this.exitCode = exitCode;
  }
}
