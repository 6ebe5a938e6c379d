import { Command, InvalidArgumentError, Option } from 'commander';
import { RealClock } from '../../clock/Clock';
import { Engine } from '../../engine/Engine';
import { startWireServer } from '../../wire/startWireServer';
import { color } from '../colors';
import { EXIT } from '../exitCodes';

interface ServeOptions {
  host: string;
  port: number;
  region: string;
}

/**
 * `tidepool serve`: only the DynamoDB endpoint — standalone, in memory, no serverless.yml needed. Any credentials
 * and region are accepted by the endpoint (as DynamoDB Local does); `--region` only sets the region in ARNs.
 */
export function serveCommand(): Command {
  return new Command('serve')
    .description('run only the local DynamoDB endpoint (in memory, no service file needed)')
    .option('--host <host>', 'address to bind to', '127.0.0.1')
    .addOption(new Option('-p, --port <port>', 'port (0 picks a free one)').default(8000).argParser(port))
    .option('-r, --region <region>', 'region used in table and stream ARNs', 'us-east-1')
    .addHelpText(
      'after',
      `
Examples:
  $ tidepool serve
  $ tidepool serve --port 0
  $ aws dynamodb list-tables --endpoint-url http://127.0.0.1:8000

Data lives in memory and is gone when the process stops.`,
    )
    .action(async (options: ServeOptions) => {
      process.exitCode = await serve(options);
    });
}

async function serve(options: ServeOptions): Promise<number> {
  const engine = new Engine({ region: options.region, accountId: '000000000000', clock: new RealClock() });
  const server = await startWireServer(engine, { host: options.host, port: options.port });
  process.stdout.write(
    [
      '',
      color.bold(`tidepool · DynamoDB endpoint (in memory) · ${options.region}`),
      '',
      `  DynamoDB   ${color.cyan(server.url)}`,
      '',
      color.dim(`  e.g. aws dynamodb list-tables --endpoint-url ${server.url}`),
      color.dim('  any credentials are accepted · Ctrl-C to stop'),
      '',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stdout.write('\nshutting down…\n');
  await server.close();
  return EXIT.ok;
}

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new InvalidArgumentError(`expected an integer from 0 to 65535, got "${value}"`);
  }
  return parsed;
}
