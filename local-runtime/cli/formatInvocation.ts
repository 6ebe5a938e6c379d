import type { AuthorizerDenial } from '../http-api/HttpApi';
import type { InvocationRecord } from '../lambda/types';
import type { MappingReport } from '../mappings/types';
import { tableNameOf } from '../runtime/buildMappings';
import { color } from './colors';

/**
 * One log line per invocation: time, function, trigger, duration, outcome.
 * `12:00:01.042  createOrder     httpApi POST /orders                 18 ms  ok 201`
 */
export function formatInvocation(record: InvocationRecord): string {
  const trigger = describeTrigger(record);
  const duration = `${Math.round(record.durationMs)} ms`.padStart(7);
  return [color.dim(clockTime(record.startedAt)), color.bold(record.functionKey.padEnd(20)), trigger.padEnd(40), duration, outcome(record)].join('  ');
}

type Retrying = Extract<MappingReport, { kind: 'retrying' }>;
type Discarded = Extract<MappingReport, { kind: 'discarded' }>;

/**
 * The summary line for a batch that keeps failing (the live log prints it instead of one line per retry):
 * `12:00:03.100  onOrderPlaced         stream orders (3 records)                          failed ×4, retrying in 2 s: boom`
 */
export function formatRetrying(report: Retrying, atMs: number): string {
  const trigger = `stream ${tableNameOf(report.streamArn)} (${plural(report.batch.size, 'record')})`;
  const split = report.bisected ? ', batch split in two' : '';
  const what = `failed ×${report.invokeCount}${split}, retrying in ${seconds(report.retryInMs)}: ${report.reason}`;
  return [color.dim(clockTime(atMs)), color.bold(report.functionKey.padEnd(20)), trigger.padEnd(40), ' '.repeat(7), color.yellow(what)].join('  ');
}

/**
 * A batch given up, on a line of its own: where its records went and why.
 * `12:00:09.000  onOrderPlaced         stream orders (3 records) seq 100…–300… shard shardId-1  → on-failure destination sqs orders-dlq: retries exhausted after 3 invocations (boom)`
 */
export function formatDiscarded(report: Discarded, atMs: number): string {
  const { batch } = report;
  const trigger = `stream ${tableNameOf(report.streamArn)} (${plural(batch.size, 'record')})`;
  const range = batch.startSequenceNumber === batch.endSequenceNumber ? `seq ${batch.startSequenceNumber}` : `seq ${batch.startSequenceNumber}–${batch.endSequenceNumber}`;
  const where = report.destinationArn === undefined
    ? 'discarded (no on-failure destination)'
    : `sent to on-failure destination ${destinationName(report.destinationArn)}`;
  const invocations = plural(report.invokeCount, 'invocation');
  const why = report.condition === 'RetryAttemptsExhausted'
    ? `retries exhausted after ${invocations}`
    : `record too old (maximumRecordAgeInSeconds) after ${invocations}`;
  const last = report.reason === undefined ? '' : ` (${report.reason})`;
  return [
    color.dim(clockTime(atMs)),
    color.bold(report.functionKey.padEnd(20)),
    `${trigger} ${range}, shard ${batch.shardId}`,
    color.red(`→ ${where}: ${why}${last}`),
  ].join('  ');
}

/** `arn:aws:sqs:us-east-1:000000000000:orders-dlq` → `sqs orders-dlq`; anything else as given. */
function destinationName(arn: string): string {
  const parts = arn.split(':');
  return parts.length >= 6 && parts[0] === 'arn' ? `${parts[2]} ${parts.slice(5).join(':')}` : arn;
}

function clockTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(11, 23);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

function describeTrigger(record: InvocationRecord): string {
  const { type, source, records, attempt } = record.trigger;
  const count = records === undefined ? '' : ` (${records} record${records === 1 ? '' : 's'})`;
  const retry = attempt !== undefined && attempt > 1 ? `, retry ${attempt - 1}` : '';
  return `${type} ${source}${count}${retry}`;
}

function outcome(record: InvocationRecord): string {
  if (record.outcome === 'timeout') return color.red('timed out');
  if (record.outcome === 'error') {
    return color.red(`error ${record.error?.errorType ?? ''}: ${record.error?.errorMessage ?? ''}`);
  }
  const result = record.result as { statusCode?: unknown; batchItemFailures?: unknown } | undefined;
  if (result && typeof result.statusCode === 'number') {
    const paintStatus = result.statusCode >= 500 ? color.red : result.statusCode >= 400 ? color.yellow : color.green;
    return paintStatus(`ok ${result.statusCode}`);
  }
  if (result && Array.isArray(result.batchItemFailures) && result.batchItemFailures.length > 0) {
    return color.yellow(`ok, ${result.batchItemFailures.length} partial failure(s)`);
  }
  return color.green('ok');
}

/** A request an authorizer refused (no function ran): `12:00:01.042  (authorizer)  httpApi GET /orders  401 token expired`. */
export function formatDenial(denial: AuthorizerDenial, atMs: number): string {
  const answer = denial.statusCode === 401 ? 'Unauthorized' : 'Forbidden';
  return [color.dim(clockTime(atMs)), color.dim('(authorizer)'.padEnd(20)), `httpApi ${denial.route}`.padEnd(40), ' '.repeat(7), color.yellow(`${denial.statusCode} ${answer}: ${denial.reason}`)].join('  ');
}
