import { Command, CommanderError } from 'commander';
import { filtersCommand } from './commands/filters';
import { generateEventCommand } from './commands/generateEvent';
import { invokeCommand } from './commands/invoke';
import { recordCommand } from './commands/record';
import { replayCommand } from './commands/replay';
import { serveCommand } from './commands/serve';
import { startCommand } from './commands/start';
import { tokenCommand } from './commands/token';
import { reportError } from './reportError';
import { EXIT } from './exitCodes';

/** Builds the `tidepool` program; each command lives in commands/. */
export function program(): Command {
  const cli = new Command('tidepool')
    .description('Run a Serverless Framework service on AWS Lambda + DynamoDB locally, faithfully.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `
Examples:
  $ tidepool start                     run serverless.yml locally (HTTP API on :3000, DynamoDB on :8000)
  $ tidepool start --port 4000 --dynamodb-port 9000 --stage test

Exit codes: 0 ok · 1 runtime error · 2 bad usage or a serverless.yml that cannot run locally`,
    );
  for (const command of [startCommand(), serveCommand(), invokeCommand(), filtersCommand(), replayCommand(), recordCommand(), tokenCommand(), generateEventCommand()]) {
    // addCommand() does not pass settings down; subcommands need the same error handling.
    cli.addCommand(command.copyInheritedSettings(cli));
  }
  return cli;
}

/** Runs the CLI and resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const cli = program();
  for (const command of [cli, ...cli.commands]) command.exitOverride();
  try {
    await cli.parseAsync(argv);
    // Command actions report their outcome through process.exitCode.
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const code = reportError(error);
    if (code === undefined) throw error;
    return code;
  }
}
