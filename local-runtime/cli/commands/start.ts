import { Command, Option } from 'commander';
import { createRuntime } from '../../runtime/createRuntime';
import type { Runtime } from '../../runtime/Runtime';
import { startWireServer } from '../../wire/startWireServer';
import { DurableEngine } from '../../persistence/DurableEngine';
import { color } from '../colors';
import { EXIT } from '../exitCodes';
import { parsePort } from '../parsePort';
import { untilShutdown } from '../untilShutdown';
import { formatDenial } from '../formatInvocation';
import { formatInitErrors } from '../formatInitErrors';
import { formatWarnings } from '../formatWarnings';
import { LiveLog } from '../LiveLog';
import { watchSources } from '../watchSources';
import { formatRefusal, restBannerLines } from '../restBanner';
import { engineModelBanner, engineModelOptions, engineModelReport, withEngineModelOptions, type EngineModelFlags } from '../engineModels';
import { messagingBanner } from '../../messaging/messagingBanner';
import { verboseLines } from '../verboseLines';

interface StartOptions extends EngineModelFlags {
  stage?: string;
  region?: string;
  host: string;
  port: number;
  dynamodbPort: number;
  awsPort: number;
  watch?: boolean;
  dataDir?: string;
  repair?: boolean;
  verbose?: boolean;
  inProcess?: boolean;
}

/** `tidepool start`: the whole service from serverless.yml, with a live log of every invocation. */
export function startCommand(): Command {
  return withEngineModelOptions(new Command('start'))
    .description('run the service locally: HTTP API, DynamoDB endpoint, stream mappings')
    .option('-s, --stage <stage>', 'stage to resolve serverless.yml with (default: provider.stage, else dev)')
    .option('-r, --region <region>', 'region (default: provider.region)')
    .option('--host <host>', 'address to bind both servers to', '127.0.0.1')
    .addOption(new Option('-p, --port <port>', 'HTTP API port').default(3000).argParser(parsePort))
    .addOption(new Option('--dynamodb-port <port>', 'DynamoDB endpoint port').default(8000).argParser(parsePort))
    .option('-d, --data-dir <dir>', 'keep table data in this directory across runs (every acknowledged write is fsync\'d)')
    .option('--repair', 'with --data-dir: if it is damaged, salvage the records that verify (a copy of the original is kept beside it)')
    .addOption(new Option('--aws-port <port>', 'AWS endpoint port (SQS, SNS, EventBridge, Lambda, STS) for --endpoint-url').default(4566).argParser(parsePort))
    .option('-w, --watch', 'rebuild and reload handlers when source files change (tables keep their data)')
    .option('--in-process', 'run handlers in this process instead of a worker thread per execution environment (faster, not isolated; timeouts do not stop them)')
    .option('--verbose', "Lambda's START / END / REPORT lines for every invocation (duration, memory, init duration)")
    .addHelpText(
      'after',
      `
Examples:
  $ tidepool start
  $ tidepool start --watch             rebuild handlers on save
  $ curl -X POST localhost:3000/orders -d '{"customerId":"c-1","items":[{"sku":"SKU-1","quantity":1,"unitPriceCents":500}]}'
  $ aws dynamodb list-tables --endpoint-url http://127.0.0.1:8000
  $ aws sqs list-queues --endpoint-url http://127.0.0.1:4566`,
    )
    .action(async (options: StartOptions, command: Command) => {
      process.exitCode = await start({ ...options, awsPortDefault: command.getOptionValueSource('awsPort') === 'default' });
    });
}

async function start(options: StartOptions & { awsPortDefault?: boolean }): Promise<number> {
  let dynamodbUrl = '';
  const runtime = await createRuntime({
    servicePath: process.cwd(),
    stage: options.stage,
    ...(options.region !== undefined && { region: options.region }),
    clock: 'real',
    handlers: 'bundle',
    ...(options.inProcess === true && { environments: 'in-process' as const }),
    dynamodbEndpoint: () => dynamodbUrl,
    ...engineModelOptions(options),
    ...(options.dataDir !== undefined && {
      dataDir: { path: options.dataDir, repair: options.repair === true, warn: (message: string) => process.stderr.write(`${color.yellow('⚠')} ${message}\n`) },
    }),
    awsEndpoint: { host: options.host, port: options.awsPort, fallbackToFreePort: options.awsPortDefault === true },
  });
  const wire = await startWireServer(runtime.engine, { host: options.host, port: options.dynamodbPort });
  dynamodbUrl = wire.url;
  const api = await runtime.httpApi.listen({ host: options.host, port: options.port });
  const log = new LiveLog((line) => process.stdout.write(`${line}\n`));
  runtime.onInvocation((record) => log.invocation(record));
  if (options.verbose === true) runtime.onInvocation((record) => process.stdout.write(verboseLines(runtime, record)));
  for (const mapping of runtime.mappings) mapping.onReport((report) => log.mapping(report));
  runtime.httpApi.onDenied((denial) => process.stdout.write(`${formatDenial(denial, Date.now())}\n`));
  runtime.httpApi.rest?.onRefused((refusal) => process.stdout.write(`${formatRefusal(refusal, Date.now())}\n`));
  runtime.startPolling((error) => process.stderr.write(`${color.red('stream mapping error:')} ${String(error)}\n`));
  process.stdout.write(banner(runtime, api.url, wire.url));
  process.stderr.write(formatInitErrors(runtime.initErrors));
  const stopWatching = options.watch ? watchAndReload(runtime) : () => undefined;

  await untilShutdown();
  process.stdout.write('\nshutting down…\n');
  stopWatching();
  await runtime.close();
  await Promise.all([api.close(), wire.close()]);
  for (const line of engineModelReport(runtime.engine)) process.stdout.write(`${line}\n`);
  if (runtime.engine instanceof DurableEngine) await runtime.engine.close();
  return EXIT.ok;
}

/** `--watch`: rebuild every handler after a source change; a build error keeps the previous handlers. */
function watchAndReload(runtime: Runtime): () => void {
  let reloading = Promise.resolve();
  return watchSources(runtime.service.servicePath, {
    onSources: (files) => {
      reloading = reloading.then(async () => {
        const started = performance.now();
        try {
          const count = await runtime.reloadHandlers();
          const took = Math.round(performance.now() - started);
          process.stdout.write(`${color.cyan('↻')} ${files.join(', ')} changed: rebuilt ${count} handler(s) in ${took} ms; new execution environments\n`);
        } catch (error) {
          process.stderr.write(`${color.red('✗ rebuild failed, previous handlers still running:')} ${(error as Error).message}\n`);
        }
      });
    },
    onService: (file) =>
      process.stdout.write(color.yellow(`${file} changed: restart \`tidepool start\` to apply changes to the service itself\n`)),
  });
}

function banner(runtime: Runtime, apiUrl: string, dynamodbUrl: string): string {
  const { service } = runtime;
  const routes = runtime.httpApi.routes.map((r) => `    ${r.method.padEnd(6)} ${apiUrl}${r.path === '*' ? '/*' : r.path}  → ${r.functionKey}`);
  const mappings = runtime.mappings.map((m) => `    ${m.functionKey} ← ${m.streamArn}`);
  return [
    '',
    color.bold(`tidepool · ${service.service} · stage ${service.stage} · ${service.region}`) +
      (service.framework ? color.dim(` · resolved with ${service.framework.name} ${service.framework.version}`) : ''),
    ...(service.warnings ?? []).map((warning) => color.yellow(`  ⚠ ${warning}`)),
    '',
    `  HTTP API   ${color.cyan(apiUrl)}`,
    ...routes,
    ...restBannerLines(runtime.httpApi.rest, apiUrl),
    `  DynamoDB   ${color.cyan(dynamodbUrl)}   tables: ${runtime.engine.tableNames().join(', ') || '(none)'}`,
    ...(mappings.length > 0 ? ['  Streams', ...mappings] : []),
    ...engineModelBanner(runtime.engine),
    ...messagingBanner(runtime),
    '',
    ...warningSection(runtime),
    color.dim('  waiting for requests · Ctrl-C to stop'),
    '',
    '',
  ].join('\n');
}

/** What is not emulated, once each, then a blank line (nothing when there are no warnings). */
function warningSection(runtime: Runtime): string[] {
  const lines = formatWarnings(runtime.warnings);
  return lines.length === 0 ? [] : [...lines, ''];
}
