import { AsyncLocalStorage } from 'node:async_hooks';

const clocks = new AsyncLocalStorage<() => number>();
const INSTALLED = Symbol.for('tidepool.lambda.clockDate');

/**
 * Replaces the global `Date` once with one whose no-argument forms (`new Date()`, `Date()`,
 * `Date.now()`) read the clock of the work running now (see {@link withClock}), and the real time
 * elsewhere. Everything else is the real `Date` (same prototype, `instanceof Date` holds).
 */
function installClockDate(): void {
  const RealDate = globalThis.Date as DateConstructor & { [INSTALLED]?: true };
  if (RealDate[INSTALLED] === true) return;
  const realNow = RealDate.now.bind(RealDate);
  const now = (): number => (clocks.getStore() ?? realNow)();
  function ClockDate(this: unknown, ...args: unknown[]): Date | string {
    if (new.target === undefined) return new RealDate(now()).toString();
    return args.length === 0 ? new RealDate(now()) : new (RealDate as unknown as new (...a: unknown[]) => Date)(...args);
  }
  Object.setPrototypeOf(ClockDate, RealDate);
  ClockDate.prototype = RealDate.prototype;
  Object.defineProperty(ClockDate, 'now', { value: now, writable: true, configurable: true });
  Object.defineProperty(ClockDate, INSTALLED, { value: true });
  globalThis.Date = ClockDate as unknown as DateConstructor;
}

/**
 * Runs `task` with `Date` reading `now` for this task's work only (its awaits, timers and
 * callbacks): in-process handlers on a virtual runtime clock see its time, everything else the real one.
 */
export function withClock<T>(now: () => number, task: () => Promise<T>): Promise<T> {
  installClockDate();
  return clocks.run(now, task);
}
