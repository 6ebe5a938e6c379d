import { createWriteStream, type WriteStream } from 'node:fs';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ReplayError } from '../../replay/errors';
import { recordStream } from '../../replay/recordStream';
import { CliError } from '../CliError';
import { color } from '../colors';
import { EXIT } from '../exitCodes';

interface RecordOptions {
  table: string;
  endpoint: string;
  region?: string;
  from: 'trim-horizon' | 'latest';
  out?: string;
  maxRecords?: number;
  json?: boolean;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1', '0.0.0.0']);

/** `tidepool record --table <name>`: a table's stream, as JSON Lines that `tidepool replay` accepts. */
export function recordCommand(): Command {
  return new Command('record')
    .description("record a table's DynamoDB stream into JSON Lines that `tidepool replay` accepts")
    .requiredOption('-t, --table <name>', 'table whose stream to read')
    .option('--endpoint <url>', 'DynamoDB endpoint (tidepool start/serve, DynamoDB Local), or "aws" for AWS itself', 'http://127.0.0.1:8000')
    .option('--region <region>', 'region (default: AWS_REGION, else us-east-1)')
    .addOption(new Option('--from <position>', 'where to start reading').choices(['trim-horizon', 'latest']).default('trim-horizon'))
    .option('-o, --out <file>', 'write records to this file (default: standard output)')
    .option('-n, --max-records <n>', 'stop after this many records (default: until Ctrl-C)', positiveInt)
    .option('--json', 'print a JSON summary {table, streamArn, records, out} on stderr when done')
    .addHelpText(
      'after',
      `
Reads the stream through the DynamoDB Streams API (DescribeStream, GetShardIterator, GetRecords),
parent shards before their children, and writes one record per line in the shape Lambda delivers
(eventSourceARN included). Stops at --max-records or on Ctrl-C (what was read is kept; exit 0).
Against AWS (--endpoint aws) the SDK's usual credentials and region are used; for a localhost
endpoint without configured credentials, dummy ones are used.

Exit codes: 0 done · 1 the endpoint failed · 2 bad usage, unknown table or no stream

Examples:
  $ tidepool record --table tidepool-dev-orders --max-records 50 --out batch.jsonl
  $ tidepool record --table tidepool-dev-orders --from latest > live.jsonl      # Ctrl-C to stop
  $ AWS_PROFILE=prod tidepool record --endpoint aws --region eu-west-1 --table orders -n 500 -o prod.jsonl
  $ tidepool replay onOrderPlaced batch.jsonl`,
    )
    .action(async (options: RecordOptions) => {
      process.exitCode = await record(options);
    });
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

async function record(options: RecordOptions): Promise<number> {
  const config = clientConfig(options);
  const dynamodb = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  const out: WriteStream | NodeJS.WriteStream = options.out === undefined ? process.stdout : createWriteStream(options.out);
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  const started = Date.now();
  let count = 0;
  try {
    const { streamArn } = await recordStream({
      tableName: options.table,
      dynamodb,
      streams,
      from: options.from,
      ...(options.maxRecords !== undefined && { maxRecords: options.maxRecords }),
      signal: controller.signal,
      write: async (line) => {
        count += 1;
        if (!out.write(`${JSON.stringify(line)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
        if (options.out !== undefined && process.stderr.isTTY && Date.now() - started > 1000) {
          process.stderr.write(`\r${color.dim(`recording ${options.table}: ${count} records`)}\u001b[K`);
        }
      },
    }).catch((error: unknown) => {
      if (controller.signal.aborted && (error as Error).name === 'AbortError') return { streamArn: '' };
      throw error;
    });
    await closeOutput(out, options.out !== undefined);
    const summary = { table: options.table, streamArn, records: count, out: options.out ?? '-' };
    if (options.json) process.stderr.write(`${JSON.stringify(summary)}\n`);
    else process.stderr.write(`${process.stderr.isTTY ? '\r\u001b[K' : ''}${color.dim(`recorded ${count} record${count === 1 ? '' : 's'} from ${options.table}${options.out ? ` to ${options.out}` : ''}`)}\n`);
    return EXIT.ok;
  } catch (error) {
    await closeOutput(out, options.out !== undefined);
    throw explain(error, options);
  } finally {
    process.off('SIGINT', onSigint);
    dynamodb.destroy();
    streams.destroy();
  }
}

function closeOutput(out: WriteStream | NodeJS.WriteStream, isFile: boolean): Promise<void> {
  if (!isFile) return Promise.resolve();
  return new Promise((resolve) => (out as WriteStream).end(resolve));
}

/** Endpoint, region and credentials: the SDK's defaults, except dummy credentials for a local endpoint without any. */
function clientConfig(options: RecordOptions): ConstructorParameters<typeof DynamoDBClient>[0] & object {
  const region = options.region ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'] ?? 'us-east-1';
  if (options.endpoint === 'aws') return { region };
  let url: URL;
  try {
    url = new URL(options.endpoint);
  } catch {
    throw new CliError(`--endpoint ${options.endpoint} is not a URL`, 'pass e.g. --endpoint http://127.0.0.1:8000, or --endpoint aws');
  }
  const local = LOCAL_HOSTS.has(url.hostname);
  const configured = Boolean(process.env['AWS_ACCESS_KEY_ID'] || process.env['AWS_PROFILE'] || existsSync(join(homedir(), '.aws', 'credentials')));
  return {
    region,
    endpoint: options.endpoint,
    ...(local && !configured && { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  };
}

/** Turns the errors a user can fix into CliErrors; others (bugs) pass through. */
function explain(error: unknown, options: RecordOptions): unknown {
  if (error instanceof ReplayError) {
    return new CliError(error.message, 'enable a stream on the table (StreamSpecification) or pick another table');
  }
  const name = (error as { name?: string }).name;
  if (name === 'ResourceNotFoundException') {
    return new CliError(`no table ${options.table} at ${options.endpoint}`, 'check --table and --endpoint (aws dynamodb list-tables --endpoint-url …)');
  }
  const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  if (code === 'ECONNREFUSED' || name === 'TimeoutError') {
    return new CliError(`cannot reach ${options.endpoint}`, 'start the endpoint first: `tidepool start` or `tidepool serve`', EXIT.failure);
  }
  if (error instanceof Error && '$metadata' in error) {
    return new CliError(`${name}: ${error.message}`, undefined, EXIT.failure);
  }
  return error;
}
