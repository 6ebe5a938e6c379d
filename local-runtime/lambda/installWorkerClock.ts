/**
 * Makes `Date` (no-argument `new Date()`, `Date()` and `Date.now()`) read the runtime's virtual
 * clock inside a worker environment: set to the clock's time at each invocation's start (a virtual
 * clock only moves when the test moves it). Timers stay real (see README, deviations).
 */
export function installWorkerClock(startMs: number): { set(nowMs: number): void } {
  const RealDate = Date;
  let now = startMs;
  function VirtualDate(this: unknown, ...args: unknown[]): Date | string {
    if (new.target === undefined) return new RealDate(now).toString();
    return args.length === 0 ? new RealDate(now) : new (RealDate as unknown as new (...a: unknown[]) => Date)(...args);
  }
  Object.setPrototypeOf(VirtualDate, RealDate);
  VirtualDate.prototype = RealDate.prototype;
  Object.defineProperty(VirtualDate, 'now', { value: () => now, writable: true, configurable: true });
  (globalThis as { Date: DateConstructor }).Date = VirtualDate as unknown as DateConstructor;
  return {
    set(nowMs) {
      now = nowMs;
    },
  };
}
