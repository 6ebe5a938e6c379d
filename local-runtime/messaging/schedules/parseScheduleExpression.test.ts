import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import { parseScheduleExpression } from './parseScheduleExpression';
import { Scheduler } from './Scheduler';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
/** The first `n` occurrences after `from`. */
function occurrences(expression: string, from: string, n: number): Array<string | undefined> {
  const schedule = parseScheduleExpression(expression);
  const out: Array<string | undefined> = [];
  let t = at(from);
  for (let i = 0; i < n; i++) {
    const next = schedule.next(t, at(from));
    out.push(iso(next));
    if (next === undefined) break;
    t = next;
  }
  return out;
}

// Examples from https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
describe('parseScheduleExpression', () => {
  it('runs rate expressions from the start, one period apart', () => {
    expect(occurrences('rate(5 minutes)', '2026-01-01T00:00:00Z', 2)).toEqual(['2026-01-01T00:05:00.000Z', '2026-01-01T00:10:00.000Z']);
    expect(occurrences('rate(1 hour)', '2026-01-01T00:30:00Z', 1)).toEqual(['2026-01-01T01:30:00.000Z']);
    expect(occurrences('rate(7 days)', '2026-01-01T00:00:00Z', 1)).toEqual(['2026-01-08T00:00:00.000Z']);
  });

  it('reads AWS cron expressions (UTC; minutes hours day-of-month month day-of-week year)', () => {
    // 10:15 AM every day
    expect(occurrences('cron(15 10 * * ? *)', '2026-01-01T11:00:00Z', 1)).toEqual(['2026-01-02T10:15:00.000Z']);
    // 6:00 PM Monday through Friday (1 = Sunday): 2026-01-02 is a Friday, then Monday the 5th
    expect(occurrences('cron(0 18 ? * MON-FRI *)', '2026-01-02T12:00:00Z', 2)).toEqual(['2026-01-02T18:00:00.000Z', '2026-01-05T18:00:00.000Z']);
    // 8:00 AM on the first day of the month
    expect(occurrences('cron(0 8 1 * ? *)', '2026-01-15T00:00:00Z', 1)).toEqual(['2026-02-01T08:00:00.000Z']);
    // Every 10 min on weekdays
    expect(occurrences('cron(0/10 * ? * MON-FRI *)', '2026-01-02T23:55:00Z', 1)).toEqual(['2026-01-05T00:00:00.000Z']);
    // Every 5 minutes between 8:00 AM and 5:55 PM weekdays
    expect(occurrences('cron(0/5 8-17 ? * MON-FRI *)', '2026-01-05T17:56:00Z', 1)).toEqual(['2026-01-06T08:00:00.000Z']);
    // 9 AM on the first Monday of each month
    expect(occurrences('cron(0 9 ? * 2#1 *)', '2026-01-01T00:00:00Z', 2)).toEqual(['2026-01-05T09:00:00.000Z', '2026-02-02T09:00:00.000Z']);
    // last day of the month, and its last Friday
    expect(occurrences('cron(0 0 L * ? *)', '2026-02-01T00:00:00Z', 1)).toEqual(['2026-02-28T00:00:00.000Z']);
    expect(occurrences('cron(0 0 ? * 6L *)', '2026-01-01T00:00:00Z', 1)).toEqual(['2026-01-30T00:00:00.000Z']);
    // a year field that ends
    expect(occurrences('cron(0 0 1 1 ? 2027)', '2027-01-01T00:00:00Z', 1)).toEqual([undefined]);
  });

  it('accepts at() one-time schedules', () => {
    expect(occurrences('at(2026-03-01T09:30:00)', '2026-01-01T00:00:00Z', 2)).toEqual(['2026-03-01T09:30:00.000Z', undefined]);
  });

  it('rejects invalid expressions with a ValidationException', () => {
    for (const bad of ['rate(1 minutes)', 'rate(5 minute)', 'rate(0 hours)', 'cron(0 18 * * MON-FRI *)', 'cron(0 18 ? * *)', 'cron(61 * * * ? *)', 'every 5 minutes']) {
      expect(() => parseScheduleExpression(bad), bad).toThrow(expect.objectContaining({ type: 'ValidationException' }));
    }
  });
});

describe('Scheduler', () => {
  it('fires what fell due across schedules in time order', () => {
    const clock = new VirtualClock(at('2026-01-01T00:00:00Z'));
    const scheduler = new Scheduler(clock);
    const fired: string[] = [];
    scheduler.add('a', 'rate(2 minutes)', (t) => fired.push(`a ${iso(t)}`));
    scheduler.add('b', 'rate(3 minutes)', (t) => fired.push(`b ${iso(t)}`));
    clock.advance(6 * 60_000);
    expect(scheduler.fireDue()).toBe(5);
    expect(fired.map((f) => f.slice(0, 1) + f.slice(16, 18))).toEqual(['a02', 'b03', 'a04', 'a06', 'b06']);
    expect(scheduler.fireDue()).toBe(0);
  });
});
