import { Command } from 'commander';
import { createRuntime } from '../../runtime/createRuntime';
import type { Runtime } from '../../runtime/Runtime';
import { captureOutput } from '../captureOutput';
import { color } from '../colors';
import { CliError } from '../CliError';
import { EXIT } from '../exitCodes';
import { formatWarnings } from '../formatWarnings';
import { readInput } from '../readInput';
import { formatInitErrors } from '../formatInitErrors';

interface InvokeOptions {
  event?: string;
  stage?: string;
  json?: boolean;
}

/** `tidepool invoke <function>`: one invocation of a handler with an event file, against a fresh local engine. */
export function invokeCommand(): Command {
  return new Command('invoke')
    .description("invoke one function's handler with an event and print its result, logs and duration")
    .argument('<function>', 'function key in serverless.yml, e.g. createOrder')
    .option('-e, --event <file>', 'event JSON file, or - for standard input (default: {})')
    .option('-s, --stage <stage>', 'stage to resolve serverless.yml with (default: provider.stage, else dev)')
    .option('--json', 'print one JSON object {result, error, logs, durationMs, …} for scripts')
    .addHelpText(
      'after',
      `
The handler runs as Lambda runs it (context, timeout, environment from serverless.yml) against
a fresh in-memory engine with the service's tables. The result goes to stdout, logs to stderr.
Exit code 1 when the handler fails or times out.

Sample events (exact AWS shapes) are in events/:
  events/http/create-order.json          API Gateway HTTP API request (payload 2.0)
  events/streams/order-inserted.json     DynamoDB stream batch
  events/ttl/order-expired.json          TTL removal (userIdentity: dynamodb.amazonaws.com)
  events/eventbridge/order-accepted.json EventBridge event
  events/sqs/order-messages.json         SQS batch
To make more: copy one and edit it, build one in a test with events/http/httpApiEvent.ts, or
capture real stream records with \`tidepool record\`.

Examples:
  $ tidepool invoke createOrder --event events/http/create-order.json
  $ echo '{"Records":[]}' | tidepool invoke onOrderPlaced --event -
  $ tidepool invoke getOrder --event events/http/get-order.json --json | jq .result.statusCode`,
    )
    .action(async (functionKey: string, options: InvokeOptions) => {
      process.exitCode = await invoke(functionKey, options);
    });
}

async function invoke(functionKey: string, options: InvokeOptions): Promise<number> {
  const event = options.event === undefined ? {} : parseEvent(await readInput(options.event), options.event);
  const runtime = await createRuntime({ servicePath: process.cwd(), stage: options.stage, clock: 'real', handlers: 'bundle' });
  try {
    return await invokeIn(runtime, functionKey, event, options);
  } finally {
    // Worker environments keep the process alive until they are ended, also when the invocation never starts.
    await runtime.close();
  }
}

async function invokeIn(runtime: Runtime, functionKey: string, event: unknown, options: InvokeOptions): Promise<number> {
  const warnings = formatWarnings(runtime.warnings);
  if (warnings.length > 0) process.stderr.write(`${warnings.join('\n')}\n`); // stderr: stdout is the result
  process.stderr.write(formatInitErrors(runtime.initErrors));
  const fn = runtime.functions.get(functionKey);
  if (!fn) {
    throw new CliError(
      `no function "${functionKey}" in serverless.yml (stage ${runtime.service.stage})`,
      `functions: ${[...runtime.functions.keys()].join(', ')}`,
    );
  }
  const { value: record, output } = await captureOutput(() =>
    fn.invoke(event, { type: 'invoke', source: options.event ?? '{}' }),
  );
  const failed = record.outcome !== 'success';
  if (options.json) {
    const { requestId, functionName, durationMs, outcome, result, error } = record;
    process.stdout.write(`${JSON.stringify({ function: functionKey, functionName, requestId, outcome, durationMs, result, error, logs: output.split('\n').filter(Boolean) }, null, 2)}\n`);
  } else {
    if (output) process.stderr.write(`${color.dim('── logs ──')}\n${output}${output.endsWith('\n') ? '' : '\n'}`);
    const summary = `── ${functionKey} · ${record.outcome} · ${record.durationMs.toFixed(1)} ms · request ${record.requestId} ──`;
    process.stderr.write(`${failed ? color.red(summary) : color.dim(summary)}\n`);
    process.stdout.write(`${JSON.stringify(failed ? record.error : record.result, null, 2) ?? 'null'}\n`);
  }
  return failed ? EXIT.failure : EXIT.ok;
}

function parseEvent(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`the event in ${source === '-' ? 'standard input' : source} is not valid JSON: ${(error as Error).message}`, 'pass a JSON file, e.g. --event events/http/create-order.json');
  }
}
