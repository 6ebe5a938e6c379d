import { describe, expect, it } from 'vitest';
import { ConcurrencyLimit } from './ConcurrencyLimit';

describe('ConcurrencyLimit', () => {
  it('gives at most `limit` slots; tryAcquire answers undefined when full, acquire waits its turn', async () => {
    const limit = new ConcurrencyLimit(1);
    const release = limit.tryAcquire()!;
    expect(limit.tryAcquire()).toBeUndefined();
    const order: string[] = [];
    const waiting = limit.acquire().then((next) => {
      order.push('second');
      next();
    });
    order.push('first');
    release();
    release(); // twice is once
    await waiting;
    expect(order).toEqual(['first', 'second']);
    expect(limit.inUse).toBe(0);
  });

  it('a limit of 0 never runs anything (reservedConcurrency: 0 stops a function)', async () => {
    const limit = new ConcurrencyLimit(0);
    expect(limit.tryAcquire()).toBeUndefined();
    await expect(limit.acquire()).rejects.toThrow(/cannot be invoked/);
    expect(() => new ConcurrencyLimit(-1)).toThrow(RangeError);
  });
});
