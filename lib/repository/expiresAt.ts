/** A duration for {@link expiresAt}; the parts add up. */
export interface Duration {
  seconds?: number;
  minutes?: number;
  hours?: number;
  days?: number;
}

const secondsPer: Record<keyof Duration, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 };

/**
 * The value of a TTL attribute: epoch **seconds** (the unit DynamoDB TTL requires), for an absolute
 * `Date` or a duration from `now`.
 *
 * @example
 * await sessions.put({ ...session, expiresAt: expiresAt({ hours: 1 }) });
 */
export function expiresAt(when: Date | Duration, now: Date = new Date()): number {
  if (when instanceof Date) return Math.floor(when.getTime() / 1000);
  const seconds = Object.entries(when).reduce((sum, [unit, amount]) => sum + secondsPer[unit as keyof Duration] * (amount ?? 0), 0);
  return Math.floor(now.getTime() / 1000) + Math.floor(seconds);
}

/** Whether a TTL value (epoch seconds) has passed. DynamoDB may still return expired items until it deletes them. */
export function isExpired(ttl: number | undefined, now: Date = new Date()): boolean {
  return ttl !== undefined && ttl <= Math.floor(now.getTime() / 1000);
}
