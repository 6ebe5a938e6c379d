import { writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { VirtualClock } from '../../clock/Clock';
import { ReplayError } from '../../replay/errors';
import { formatReplaySummary } from '../../replay/formatReplaySummary';
import { loadSeed, type SeedItem } from '../../replay/loadSeed';
import { readRecords, type InputRecord, type ReadProgress } from '../../replay/readRecords';
import { replayStream } from '../../replay/replayStream';
import { ReplaySource } from '../../replay/ReplaySource';
import { createRuntime } from '../../runtime/createRuntime';
import { captureOutput } from '../captureOutput';
import { CliError } from '../CliError';
import { color } from '../colors';
import { EXIT } from '../exitCodes';

interface ReplayOptions {
  seed?: string;
  report?: string;
  stage?: string;
  json?: boolean;
  maxInvocations: number;
}

/** `tidepool replay <function> <file…>`: recorded stream records through one function's stream mapping. */
export function replayCommand(): Command {
  return new Command('replay')
    .description("replay recorded DynamoDB stream records through a function's stream mapping, as AWS would")
    .argument('<function>', 'function key in serverless.yml with a stream event, e.g. onOrderPlaced')
    .argument('<file...>', 'records: a Lambda event {"Records":[…]}, a GetRecords response, a JSON array, or JSON Lines')
    .option('--seed <items.json>', 'items to put first: {"<table name or logical id>": [<item in DynamoDB JSON>, …]}')
    .option('--report <out.json>', 'write the summary and every invocation (sequence range, outcome, batchItemFailures) as JSON')
    .option('-s, --stage <stage>', 'stage to resolve serverless.yml with (default: provider.stage, else dev)')
    .option('--max-invocations <n>', 'stop when the handler keeps failing after this many invocations', positiveInt, 1000)
    .option('--json', 'print the report as JSON on stdout (handler logs go to stderr)')
    .addHelpText(
      'after',
      `
The records go through the function's stream event source mapping from serverless.yml — filter
patterns, batchSize, retries, bisectBatchOnFunctionError, ReportBatchItemFailures, on-failure
destination — against a fresh in-memory engine seeded from --seed, on a virtual clock that starts
at the first record's ApproximateCreationDateTime. Records keep their SequenceNumbers (partial
batch responses name them), which must be unique; they are replayed in file order. Every malformed
record is reported (file, line or index, field) and nothing runs until the whole input is valid.

Summary: records read, filtered out, batches, invocations, retries, records sent to the on-failure
destination, and the items the handler inserted/modified/removed per table.

Exit codes: 0 replay done · 1 records went to the on-failure destination (or were discarded) or
the handler kept failing · 2 bad input or usage

Examples:
  $ tidepool replay onOrderPlaced events/streams/replay-batch.jsonl --seed events/streams/replay-seed.json
  $ tidepool record --table tidepool-dev-orders --max-records 100 --out batch.jsonl
  $ tidepool replay onOrderPlaced batch.jsonl --report report.json
  $ tidepool replay onOrderPlaced events/streams/order-inserted.json --json | jq .invocations`,
    )
    .action(async (functionKey: string, files: string[], options: ReplayOptions) => {
      process.exitCode = await replay(functionKey, files, options);
    });
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

async function replay(functionKey: string, files: string[], options: ReplayOptions): Promise<number> {
  try {
    const records = await readAll(files);
    const source = new ReplaySource(records);
    const seed: SeedItem[] = options.seed === undefined ? [] : await loadSeed(options.seed);
    const first = records[0]!.record.dynamodb.ApproximateCreationDateTime;
    const runtime = await createRuntime({ servicePath: process.cwd(), stage: options.stage, clock: new VirtualClock(first * 1000), handlers: 'bundle' });
    try {
      const { value: report, output } = await captureOutput(() =>
        replayStream({ runtime, functionKey, records, source, files, seed, maxInvocations: options.maxInvocations }),
      );
      if (output) process.stderr.write(`${color.dim('── handler logs ──')}\n${output}${output.endsWith('\n') ? '' : '\n'}`);
      if (options.report !== undefined) await writeFile(options.report, `${JSON.stringify(report, null, 2)}\n`);
      const failed = report.sentToDestination + report.discarded > 0 || report.stopped !== 'done';
      if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else {
        const title = `── replay ${functionKey} · ${files.join(', ')} ──`;
        process.stdout.write(`${failed ? color.red(title) : color.green(title)}\n${formatReplaySummary(report)}`);
        if (options.report !== undefined) process.stdout.write(color.dim(`  report written to ${options.report}\n`));
      }
      return failed ? EXIT.failure : EXIT.ok;
    } finally {
      await runtime.close();
    }
  } catch (error) {
    if (error instanceof ReplayError) throw toCliError(error);
    throw error;
  }
}

/** Reads every file; all problems of all files are collected before anything runs. */
async function readAll(files: string[]): Promise<InputRecord[]> {
  const records: InputRecord[] = [];
  const problems: string[] = [];
  const progress = progressIndicator();
  for (const file of files) {
    let outcome;
    try {
      outcome = await readRecords(file, progress.update);
    } catch (error) {
      throw new CliError(`cannot read ${file}: ${(error as Error).message}`, 'pass a file of recorded stream records, e.g. events/streams/replay-batch.jsonl');
    }
    records.push(...outcome.records);
    problems.push(...outcome.problems);
  }
  progress.done();
  if (problems.length > 0) {
    throw new ReplayError('replay.input.invalid', `${problems.length} problem${problems.length === 1 ? '' : 's'} in the input; nothing was replayed`, problems);
  }
  if (records.length === 0) throw new CliError(`no records in ${files.join(', ')}`, 'record some with `tidepool record --table <name>`');
  return records;
}

function toCliError(error: ReplayError): CliError {
  const details = error.problems.map((problem) => `\n  ${problem}`).join('');
  const hint = error.code.startsWith('replay.seed')
    ? 'fix the seed file and run again'
    : error.code.startsWith('replay.function')
      ? 'pass a function with a `stream` event in serverless.yml'
      : 'fix the records named above (DynamoDB JSON like {"S": "…"}, SequenceNumber as digits) and run again';
  return new CliError(`${error.message}${details}`, hint);
}

/** A progress line on stderr when it is a terminal and reading takes more than a second. */
function progressIndicator(): { update: (progress: ReadProgress) => void; done: () => void } {
  const started = Date.now();
  let shown = false;
  const enabled = Boolean(process.stderr.isTTY);
  return {
    update: (p) => {
      if (!enabled || Date.now() - started < 1000) return;
      shown = true;
      const percent = p.totalBytes === 0 ? 100 : Math.floor((p.bytesRead / p.totalBytes) * 100);
      process.stderr.write(`\r${color.dim(`reading ${p.file}: ${percent}% · ${p.records} records`)}\u001b[K`);
    },
    done: () => {
      if (shown) process.stderr.write('\r\u001b[K');
    },
  };
}
