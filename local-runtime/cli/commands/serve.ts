import { Command, Option } from 'commander';
import { RealClock } from '../../clock/Clock';
import { Engine } from '../../engine/Engine';
import { startTtlTimer } from '../../engine/ttl/startTtlTimer';
import { DurableEngine } from '../../persistence/DurableEngine';
import { loadSigningKeys } from '../../wire/signatureCheck';
import { openDataDir } from '../../persistence/openDataDir';
import { startWireServer } from '../../wire/startWireServer';
import { color } from '../colors';
import { EXIT } from '../exitCodes';
import { parsePort } from '../parsePort';
import { untilShutdown } from '../untilShutdown';
import { assertDurableCompatible, engineModelBanner, engineModelOptions, engineModelReport, withEngineModelOptions, type EngineModelFlags } from '../engineModels';

interface ServeOptions extends EngineModelFlags {
  host: string;
  port: number;
  region: string;
  dataDir?: string;
  credentials?: string;
  repair?: boolean;
}

/**
 * `tidepool serve`: only the DynamoDB endpoint — standalone, no serverless.yml needed; in memory, or durable
 * with `--data-dir`. Any credentials and region are accepted by the endpoint (as DynamoDB Local does);
 * `--region` only sets the region in ARNs.
 */
export function serveCommand(): Command {
  return withEngineModelOptions(new Command('serve'))
    .description('run only the local DynamoDB endpoint (in memory, no service file needed)')
    .option('--host <host>', 'address to bind to', '127.0.0.1')
    .addOption(new Option('-p, --port <port>', 'port (0 picks a free one)').default(8000).argParser(parsePort))
    .option('-r, --region <region>', 'region used in table and stream ARNs', 'us-east-1')
    .option('--credentials <file>', 'require requests signed with a key from this AWS credentials file (e.g. ~/.aws/credentials), as AWS does')
    .option('-d, --data-dir <dir>', 'keep tables in this directory across restarts (every acknowledged write is fsync\'d)')
    .option('--repair', 'with --data-dir: if it is damaged, salvage the records that verify (a copy of the original is kept beside it)')
    .addHelpText(
      'after',
      `
Examples:
  $ tidepool serve
  $ tidepool serve --port 0
  $ tidepool serve --data-dir .tidepool/data
  $ tidepool serve --credentials ~/.aws/credentials
  $ aws dynamodb list-tables --endpoint-url http://127.0.0.1:8000

Without --data-dir, data lives in memory and is gone when the process stops. With it, a write
is answered only once it is on disk, so even kill -9 never loses an acknowledged write. The
directory holds a checksummed snapshot and journal of effects; if it is damaged, serve stops
with exit code 2 naming the file and byte offset, and --repair salvages what verifies.`,
    )
    .action(async (options: ServeOptions) => {
      process.exitCode = await serve(options);
    });
}

async function serve(options: ServeOptions): Promise<number> {
  let signingKeys;
  try {
    signingKeys = options.credentials === undefined ? undefined : loadSigningKeys(options.credentials);
  } catch (error) {
    process.stderr.write(`${color.red('tidepool serve:')} ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  assertDurableCompatible(options, options.dataDir);
  const engineOptions = { region: options.region, accountId: '000000000000', clock: new RealClock(), ...engineModelOptions(options) };
  const warn = (message: string) => process.stderr.write(`${color.yellow('⚠')} ${message}\n`);
  const engine = options.dataDir ? await openDataDir(options.dataDir, engineOptions, { repair: options.repair === true, warn }) : new Engine(engineOptions);
  const server = await startWireServer(engine, { host: options.host, port: options.port, ...(signingKeys && { signingKeys }) });
  const stopTtl = startTtlTimer(engine.ttl, (error) => process.stderr.write(`${color.red('TTL sweep failed:')} ${String(error)}\n`));
  process.stdout.write(
    [
      '',
      color.bold(`tidepool · DynamoDB endpoint (${options.dataDir ? `data in ${options.dataDir}` : 'in memory'}) · ${options.region}`),
      '',
      `  DynamoDB   ${color.cyan(server.url)}`,
      ...engineModelBanner(engine),
      '',
      color.dim(`  e.g. aws dynamodb list-tables --endpoint-url ${server.url}`),
      color.dim(`  ${signingKeys ? `requests must be signed with one of the ${signingKeys.size} key(s) in ${options.credentials}` : 'any credentials are accepted'} · Ctrl-C to stop`),
      '',
      '',
    ].join('\n'),
  );
  await untilShutdown();
  process.stdout.write('\nshutting down…\n');
  stopTtl();
  await server.close();
  if (engine instanceof DurableEngine) await engine.close();
  for (const line of engineModelReport(engine)) process.stdout.write(`${line}\n`);
  return EXIT.ok;
}
