import { Command, InvalidArgumentError } from 'commander';
import { mintDevToken } from '../../auth/mintDevToken';

interface TokenCommandOptions {
  sub: string;
  scope: string[];
  ttl: number;
}

/** `tidepool token --sub <id>`: prints a dev-only bearer token for the local HTTP API. */
export function tokenCommand(): Command {
  return new Command('token')
    .description('print a DEV-ONLY JWT for the local HTTP API (signed with infra/local/dev-signing-key.DEV-ONLY.jwk.json)')
    .requiredOption('--sub <subject>', 'the caller, e.g. customer-42')
    .option('--scope <scope...>', 'scopes, e.g. tidepool/admin', [])
    .option('--ttl <seconds>', 'lifetime in seconds', parseSeconds, 3600)
    .addHelpText(
      'after',
      `
Examples:
  $ TOKEN=$(npx tidepool token --sub customer-42)
  $ curl -s localhost:3000/orders -H "authorization: Bearer $TOKEN"
  $ ADMIN=$(npx tidepool token --sub ops-1 --scope tidepool/admin)`,
    )
    .action(async (options: TokenCommandOptions) => {
      process.stdout.write(`${await mintDevToken({ sub: options.sub, scopes: options.scope, expiresInSeconds: options.ttl })}\n`);
    });
}

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds <= 0) throw new InvalidArgumentError(`expected a positive whole number of seconds, got "${value}"`);
  return seconds;
}
