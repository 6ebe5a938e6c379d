import type { AuthorizerDenial } from '../http-api/HttpApi';
import type { InvocationRecord } from '../lambda/types';
import { color } from './colors';

/**
 * One log line per invocation: time, function, trigger, duration, outcome.
 * `12:00:01.042  createOrder     httpApi POST /orders                 18 ms  ok 201`
 */
export function formatInvocation(record: InvocationRecord): string {
  const time = new Date(record.startedAt).toISOString().slice(11, 23);
  const trigger = describeTrigger(record);
  const duration = `${Math.round(record.durationMs)} ms`.padStart(7);
  return [color.dim(time), color.bold(record.functionKey.padEnd(20)), trigger.padEnd(40), duration, outcome(record)].join('  ');
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
  const time = new Date(atMs).toISOString().slice(11, 23);
  const answer = denial.statusCode === 401 ? 'Unauthorized' : 'Forbidden';
  return [color.dim(time), color.dim('(authorizer)'.padEnd(20)), `httpApi ${denial.route}`.padEnd(40), ' '.repeat(7), color.yellow(`${denial.statusCode} ${answer}: ${denial.reason}`)].join('  ');
}
