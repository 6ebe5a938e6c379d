import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidCursorError } from './errors';

let processSecret: Buffer | undefined;

/** `TIDEPOOL_CURSOR_SECRET` when set (read at call time), else a random secret for this process. */
function secret(): Buffer {
  const configured = process.env['TIDEPOOL_CURSOR_SECRET'];
  if (configured) return Buffer.from(configured, 'utf8');
  processSecret ??= randomBytes(32);
  return processSecret;
}

const sign = (scope: string, payload: string): Buffer => createHmac('sha256', secret()).update(`${scope}\n${payload}`).digest();

/**
 * Encodes a `LastEvaluatedKey` as an opaque cursor: `base64url(json).base64url(hmac)`. The HMAC
 * (SHA-256) covers `scope` too, so a cursor only works for the query that issued it.
 */
export function encodeCursor(scope: string, lastEvaluatedKey: Record<string, unknown>): string {
  const payload = Buffer.from(JSON.stringify(lastEvaluatedKey), 'utf8').toString('base64url');
  return `${payload}.${sign(scope, payload).toString('base64url')}`;
}

/** Verifies and decodes a cursor from {@link encodeCursor}; throws {@link InvalidCursorError} on any tampering. */
export function decodeCursor(entity: string, scope: string, cursor: string): Record<string, unknown> {
  const [payload, signature, extra] = cursor.split('.');
  if (!payload || !signature || extra !== undefined) throw new InvalidCursorError(entity, 'malformed');
  // Compare the signature's text, not its decoded bytes: base64url's last character carries unused
  // bits, so a different text could decode to the same bytes and pass as untampered.
  const expected = Buffer.from(sign(scope, payload).toString('base64url'), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidCursorError(entity, 'signature mismatch');
  const key: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw new InvalidCursorError(entity, 'not a key');
  return key as Record<string, unknown>;
}
