import { describe, expect, it } from 'vitest';
import type { InvocationRecord } from '../lambda/types';
import { formatDenial, formatInvocation } from './formatInvocation';

const base: InvocationRecord = {
  requestId: 'r-1',
  functionKey: 'onOrderPlaced',
  functionName: 'tidepool-dev-onOrderPlaced',
  trigger: { type: 'stream', source: 'tidepool-dev-orders', records: 3, attempt: 1 },
  startedAt: Date.UTC(2026, 0, 1, 12, 0, 1, 42),
  durationMs: 8.4,
  outcome: 'success',
  result: { batchItemFailures: [] },
  event: {},
};

describe('formatInvocation (one live log line per invocation)', () => {
  it('shows time, function, trigger with record count, duration and outcome', () => {
    expect(formatInvocation(base)).toMatch(/^12:00:01\.042  onOrderPlaced\s+stream tidepool-dev-orders \(3 records\)\s+8 ms  ok$/);
  });

  it('marks retries and partial batch failures', () => {
    const line = formatInvocation({ ...base, trigger: { ...base.trigger, attempt: 3 }, result: { batchItemFailures: [{ itemIdentifier: '1' }] } });
    expect(line).toContain('(3 records), retry 2');
    expect(line).toContain('ok, 1 partial failure(s)');
  });

  it('shows the HTTP status and errors as Lambda reports them', () => {
    expect(formatInvocation({ ...base, trigger: { type: 'httpApi', source: 'POST /orders' }, result: { statusCode: 201 } })).toMatch(/httpApi POST \/orders\s+8 ms  ok 201$/);
    expect(formatInvocation({ ...base, outcome: 'error', error: { errorType: 'TypeError', errorMessage: 'boom' } })).toMatch(/error TypeError: boom$/);
    expect(formatInvocation({ ...base, outcome: 'timeout' })).toMatch(/timed out$/);
  });

  it('explains a request the authorizer refused, which API Gateway only answers with Unauthorized', () => {
    const line = formatDenial({ route: 'GET /orders', statusCode: 401, reason: 'token expired' }, Date.UTC(2026, 0, 1, 12, 0, 1, 42));
    expect(line).toMatch(/^12:00:01\.042  \(authorizer\)\s+httpApi GET \/orders\s+401 Unauthorized: token expired$/);
  });
});
