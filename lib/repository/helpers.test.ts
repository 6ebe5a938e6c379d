import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';
import { InvalidCursorError } from './errors';
import { expiresAt, isExpired } from './expiresAt';
import { backoffDelay, retryUnprocessed } from './retryUnprocessed';
import { buildKeyCondition } from './sortKeyCondition';

afterEach(() => {
  delete process.env['TIDEPOOL_CURSOR_SECRET'];
});

describe('cursor', () => {
  it('round-trips any key and rejects any single-character change', () => {
    // fast-check once found this: a signature whose last base64url character changed without
    // changing its bytes passed as untampered; the cursor now compares the signature's text.
    expect(() => decodeCursor('E', 'scope', tamperLast(encodeCursor('scope', {})))).toThrow(InvalidCursorError);
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())), fc.nat(), (key, at) => {
        const cursor = encodeCursor('scope', key);
        expect(decodeCursor('E', 'scope', cursor)).toEqual(key);
        const i = at % cursor.length;
        const flipped = cursor.slice(0, i) + (cursor[i] === 'A' ? 'B' : 'A') + cursor.slice(i + 1);
        if (flipped !== cursor) expect(() => decodeCursor('E', 'scope', flipped)).toThrow(InvalidCursorError);
      }),
    );
  });

  it('uses TIDEPOOL_CURSOR_SECRET when set, so another secret rejects the cursor', () => {
    process.env['TIDEPOOL_CURSOR_SECRET'] = 'one';
    const cursor = encodeCursor('s', { PK: 'a' });
    process.env['TIDEPOOL_CURSOR_SECRET'] = 'two';
    expect(() => decodeCursor('E', 's', cursor)).toThrow(/signature mismatch/);
    process.env['TIDEPOOL_CURSOR_SECRET'] = 'one';
    expect(decodeCursor('E', 's', cursor)).toEqual({ PK: 'a' });
  });
});

describe('buildKeyCondition', () => {
  it('keeps names and values behind placeholders for every operator', () => {
    expect(buildKeyCondition('GSI1PK', 'A = :x', 'GSI1SK', { between: ['a', 'b'] })).toEqual({
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :sk0 AND :sk1',
      ExpressionAttributeNames: { '#pk': 'GSI1PK', '#sk': 'GSI1SK' },
      ExpressionAttributeValues: { ':pk': 'A = :x', ':sk0': 'a', ':sk1': 'b' },
    });
    expect(buildKeyCondition('PK', 'p', 'SK', { beginsWith: 'x' }).KeyConditionExpression).toBe('#pk = :pk AND begins_with(#sk, :sk0)');
    expect(buildKeyCondition('PK', 'p', 'SK', undefined)).toEqual({ KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': 'PK' }, ExpressionAttributeValues: { ':pk': 'p' } });
  });
});

describe('expiresAt', () => {
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-before-you-start.html (epoch seconds)
  it('gives epoch seconds for a date or a duration from now', () => {
    const now = new Date('2026-01-01T00:00:00.900Z');
    expect(expiresAt(new Date('2026-01-01T00:00:10.999Z'))).toBe(1767225610);
    expect(expiresAt({ hours: 1, minutes: 1 }, now)).toBe(1767225600 + 3660);
    expect(isExpired(1767225600, now)).toBe(true);
    expect(isExpired(1767225601, now)).toBe(false);
    expect(isExpired(undefined, now)).toBe(false);
  });
});

describe('retryUnprocessed', () => {
  it('caps the full-jitter delay', () => {
    expect(backoffDelay(10, { baseDelayMs: 50, maxDelayMs: 1000, random: () => 0.999 })).toBe(999);
    expect(backoffDelay(2, { baseDelayMs: 50, random: () => 0.5 })).toBe(100);
  });

  it('stops as soon as nothing is left', async () => {
    const sleeps: number[] = [];
    const result = await retryUnprocessed([1, 2, 3], async (batch) => batch.slice(1), { sleep: async (ms) => void sleeps.push(ms), random: () => 1 });
    expect(result).toEqual({ left: [], attempts: 3 });
    expect(sleeps).toEqual([50, 100]);
  });
});

/**
 * Flips the lowest bit of the cursor's last character. A 32-byte HMAC takes 43 base64url characters
 * (258 bits), so that bit is unused: the text changes, the decoded bytes do not.
 */
function tamperLast(cursor: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const index = alphabet.indexOf(cursor.at(-1)!);
  return cursor.slice(0, -1) + alphabet[index ^ 1];
}
