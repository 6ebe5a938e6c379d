import { describe, expect, it } from 'vitest';
import { formatLogLine } from './lambdaConsole';
import { platformLines } from './platformLines';
import type { InvocationRecord } from './types';

// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html
const record: InvocationRecord = {
  requestId: '8f507cfc-xmpl-4697-b07a-ac58fc914c95', functionKey: 'f', functionName: 'svc-dev-f', trigger: { type: 'invoke', source: 't' },
  startedAt: Date.UTC(2026, 0, 1), durationMs: 15.742, outcome: 'success', event: {}, coldStart: true, initDurationMs: 130.42, maxMemoryUsedMb: 56,
};

describe('platformLines', () => {
  it('writes START, END and REPORT as Lambda does, Init Duration on a cold start only', () => {
    expect(platformLines(record, 128)).toEqual([
      'START RequestId: 8f507cfc-xmpl-4697-b07a-ac58fc914c95 Version: $LATEST',
      'END RequestId: 8f507cfc-xmpl-4697-b07a-ac58fc914c95',
      'REPORT RequestId: 8f507cfc-xmpl-4697-b07a-ac58fc914c95\tDuration: 15.74 ms\tBilled Duration: 16 ms\tMemory Size: 128 MB\tMax Memory Used: 56 MB\tInit Duration: 130.42 ms',
    ]);
    expect(platformLines({ ...record, coldStart: false }, 128)[2]).not.toContain('Init Duration');
  });

  it('writes platform.* records with the JSON log format', () => {
    const [start, done, report] = platformLines(record, 128, 'JSON').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(start).toEqual({ time: '2026-01-01T00:00:00.000Z', type: 'platform.start', record: { requestId: record.requestId, version: '$LATEST' } });
    expect(done).toMatchObject({ type: 'platform.runtimeDone', record: { status: 'success' } });
    expect(report).toMatchObject({ type: 'platform.report', record: { metrics: { durationMs: 15.742, billedDurationMs: 16, memorySizeMB: 128, maxMemoryUsedMB: 56, initDurationMs: 130.42 } } });
  });
});

describe('formatLogLine (console in an execution environment)', () => {
  it('Text: time, request id, level and message separated by tabs', () => {
    expect(formatLogLine({ format: 'Text', level: 'INFO', requestId: 'r-1', timestamp: '2026-01-01T00:00:00.000Z', args: ['order %s', 'o-1'] }))
      .toBe('2026-01-01T00:00:00.000Z\tr-1\tINFO\torder o-1');
  });

  it('JSON: timestamp, level, requestId and message; an Error adds errorType, errorMessage, stackTrace', () => {
    const line = JSON.parse(formatLogLine({ format: 'JSON', level: 'ERROR', requestId: 'r-1', timestamp: 't', args: [new TypeError('bad')] })) as Record<string, unknown>;
    expect(line).toMatchObject({ timestamp: 't', level: 'ERROR', requestId: 'r-1', errorType: 'TypeError', errorMessage: 'bad' });
    expect(String(line['message'])).toContain('TypeError: bad');
  });
});
