import { MessagingError } from '../errors';

/** A parsed schedule: the first occurrence strictly after a time (epoch ms, UTC). */
export interface Schedule {
  expression: string;
  /** For `rate(…)`: the period in ms (occurrences at start + k·period). */
  periodMs?: number;
  next(afterMs: number, startMs: number): number | undefined;
}

const UNITS: Record<string, number> = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 };
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const invalid = (expression: string) => new MessagingError('ValidationException', `Parameter ScheduleExpression is not valid: ${expression}`);

/** The values a plain cron field (`*`, lists, ranges, steps, names) allows. */
function values(field: string, min: number, max: number, names: string[] | undefined, nameBase: number, expression: string): Set<number> {
  const out = new Set<number>();
  const value = (text: string): number => {
    const index = names?.indexOf(text.toUpperCase()) ?? -1;
    const n = index >= 0 ? index + nameBase : Number(text);
    if (!Number.isInteger(n) || n < min || n > max) throw invalid(expression);
    return n;
  };
  for (const part of field.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw invalid(expression);
    let from = min;
    let to = max;
    if (range !== '*' && range !== '?') {
      const [a = '', b] = range.split('-');
      from = value(a);
      to = b === undefined ? (stepText === undefined ? from : max) : value(b);
    }
    for (let n = from; n <= to; n += step) out.add(n);
  }
  return out;
}

/** Day-of-month and day-of-week tests, with `L`, `W` and `#`. */
function dayMatcher(dom: string, dow: string, expression: string): (date: Date) => boolean {
  if ((dom === '?') === (dow === '?')) throw invalid(expression);
  if (dom !== '?') {
    if (dom === 'L') return (d) => d.getUTCDate() === lastDay(d);
    const w = /^(\d+)W$/.exec(dom);
    if (w !== null) return (d) => d.getUTCDate() === nearestWeekday(d, Number(w[1]));
    const days = values(dom, 1, 31, undefined, 0, expression);
    return (d) => days.has(d.getUTCDate());
  }
  const nth = /^(\w+)#(\d)$/.exec(dow);
  if (nth !== null) {
    const day = values(nth[1]!, 1, 7, DAYS, 1, expression);
    return (d) => day.has(d.getUTCDay() + 1) && Math.ceil(d.getUTCDate() / 7) === Number(nth[2]);
  }
  const last = /^(\w*)L$/.exec(dow);
  if (last !== null) {
    const day = last[1] === '' ? new Set([7]) : values(last[1]!, 1, 7, DAYS, 1, expression);
    return (d) => day.has(d.getUTCDay() + 1) && d.getUTCDate() + 7 > lastDay(d);
  }
  const days = values(dow, 1, 7, DAYS, 1, expression);
  return (d) => days.has(d.getUTCDay() + 1);
}

function lastDay(d: Date): number {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

function nearestWeekday(d: Date, day: number): number {
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), Math.min(day, lastDay(d))));
  const weekday = target.getUTCDay();
  const date = target.getUTCDate();
  if (weekday === 6) return date === 1 ? 3 : date - 1;
  if (weekday === 0) return date === lastDay(d) ? date - 2 : date + 1;
  return date;
}

function cron(expression: string, body: string): Schedule {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) throw invalid(expression);
  const [minF, hourF, domF, monthF, dowF, yearF] = fields as [string, string, string, string, string, string];
  const minutes = [...values(minF, 0, 59, undefined, 0, expression)].sort((a, b) => a - b);
  const hours = [...values(hourF, 0, 23, undefined, 0, expression)].sort((a, b) => a - b);
  const months = values(monthF, 1, 12, MONTHS, 1, expression);
  const years = values(yearF, 1970, 2199, undefined, 0, expression);
  const dayMatches = dayMatcher(domF, dowF, expression);
  return {
    expression,
    next(afterMs) {
      const start = new Date(afterMs);
      let day = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
      for (let i = 0; i < 366 * 30; i++, day += 86_400_000) {
        const d = new Date(day);
        if (!years.has(d.getUTCFullYear()) || !months.has(d.getUTCMonth() + 1) || !dayMatches(d)) continue;
        for (const h of hours) for (const m of minutes) {
          const at = day + h * 3_600_000 + m * 60_000;
          if (at > afterMs) return at;
        }
      }
      return undefined;
    },
  };
}

/**
 * Parses an EventBridge schedule expression
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html):
 * `rate(value unit)` (minute(s), hour(s), day(s); singular for 1) and the six-field
 * `cron(minutes hours day-of-month month day-of-week year)` in UTC with `* ? , - / L W #`.
 * EventBridge Scheduler's `at(yyyy-mm-ddThh:mm:ss)` is accepted too.
 *
 * @throws MessagingError (ValidationException) for an invalid expression.
 */
export function parseScheduleExpression(expression: string): Schedule {
  const rate = /^rate\((\d+)\s+(minutes?|hours?|days?)\)$/.exec(expression.trim());
  if (rate !== null) {
    const value = Number(rate[1]);
    const unit = rate[2]!;
    if (value < 1 || (value === 1) !== !unit.endsWith('s')) throw invalid(expression);
    const periodMs = value * UNITS[unit]!;
    return { expression, periodMs, next: (after, start) => start + (Math.floor((after - start) / periodMs) + 1) * periodMs };
  }
  const cronBody = /^cron\((.*)\)$/.exec(expression.trim());
  if (cronBody !== null) return cron(expression, cronBody[1]!);
  const at = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/.exec(expression.trim());
  if (at !== null) {
    const when = Date.parse(`${at[1]}Z`);
    return { expression, next: (after) => (when > after ? when : undefined) };
  }
  throw invalid(expression);
}
