import type { Clock } from '../../clock/Clock';
import { parseScheduleExpression, type Schedule } from './parseScheduleExpression';

interface Entry {
  id: string;
  schedule: Schedule;
  startMs: number;
  nextAt: number | undefined;
  fire: (atMs: number) => void;
}

/** Occurrences one `fireDue()` runs at most (a long clock jump over a `rate(1 minute)` stays bounded). */
export const MAX_OCCURRENCES_PER_CALL = 100_000;

/**
 * The runtime's schedules (`schedule` events, scheduled rules, `AWS::Scheduler::Schedule`s) on the
 * runtime clock: `fireDue()` fires every occurrence that fell due since the last call, across all
 * schedules, in time order (ties in registration order).
 */
export class Scheduler {
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly clock: Clock) {}

  /** Adds (or replaces) a schedule; its first occurrence is the first one after now. */
  add(id: string, expression: string, fire: (atMs: number) => void): void {
    const schedule = parseScheduleExpression(expression);
    const startMs = this.clock.now();
    this.#entries.set(id, { id, schedule, startMs, nextAt: schedule.next(startMs, startMs), fire });
  }

  remove(id: string): void {
    this.#entries.delete(id);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The next occurrence of a schedule (epoch ms), if any. */
  nextAt(id: string): number | undefined {
    return this.#entries.get(id)?.nextAt;
  }

  /** Fires what fell due up to the clock's now; returns how many occurrences fired. */
  fireDue(): number {
    const now = this.clock.now();
    let fired = 0;
    while (fired < MAX_OCCURRENCES_PER_CALL) {
      let earliest: Entry | undefined;
      for (const entry of this.#entries.values()) {
        if (entry.nextAt !== undefined && entry.nextAt <= now && (earliest === undefined || entry.nextAt < earliest.nextAt!)) earliest = entry;
      }
      if (earliest === undefined) break;
      const at = earliest.nextAt!;
      earliest.nextAt = earliest.schedule.next(at, earliest.startMs);
      earliest.fire(at);
      fired++;
    }
    return fired;
  }
}
