import type { InvocationRecord } from './types';

/**
 * The platform lines Lambda writes around an invocation (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html):
 * `START RequestId: … Version: $LATEST`, `END RequestId: …` and `REPORT RequestId: …` with Duration,
 * Billed Duration (rounded up to the millisecond), Memory Size, Max Memory Used and, on a cold
 * start, Init Duration. With the JSON log format they are `platform.start` / `platform.runtimeDone`
 * / `platform.report` records instead.
 */
export function platformLines(record: InvocationRecord, memorySizeMb: number, logFormat: 'Text' | 'JSON' = 'Text'): string[] {
  const id = record.requestId;
  const duration = record.durationMs;
  const billed = Math.max(1, Math.ceil(duration));
  const maxMemory = record.maxMemoryUsedMb ?? 0;
  const init = record.coldStart === true && record.initDurationMs !== undefined ? record.initDurationMs : undefined;
  const status = record.outcome === 'timeout' ? 'timeout' : record.outcome === 'error' ? 'error' : 'success';
  if (logFormat === 'JSON') {
    const time = new Date(record.startedAt).toISOString();
    return [
      JSON.stringify({ time, type: 'platform.start', record: { requestId: id, version: '$LATEST' } }),
      JSON.stringify({ time, type: 'platform.runtimeDone', record: { requestId: id, status } }),
      JSON.stringify({
        time, type: 'platform.report',
        record: {
          requestId: id, status,
          metrics: { durationMs: round(duration), billedDurationMs: billed, memorySizeMB: memorySizeMb, maxMemoryUsedMB: maxMemory, ...(init !== undefined && { initDurationMs: round(init) }) },
        },
      }),
    ];
  }
  const report = [
    `REPORT RequestId: ${id}`, `Duration: ${duration.toFixed(2)} ms`, `Billed Duration: ${billed} ms`,
    `Memory Size: ${memorySizeMb} MB`, `Max Memory Used: ${maxMemory} MB`,
    ...(init === undefined ? [] : [`Init Duration: ${init.toFixed(2)} ms`]),
    ...(record.outcome === 'timeout' ? ['Status: timeout'] : []),
  ].join('\t');
  return [`START RequestId: ${id} Version: $LATEST`, `END RequestId: ${id}`, report];
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
