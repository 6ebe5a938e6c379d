import { crc32 } from 'node:zlib';
import { DynamoDbError, constraintError } from '../errors';
import { optionalString } from './input';
import type { Engine } from '../Engine';
import type { OperationInput } from './input';

/** Client tokens stay valid for 10 minutes (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html#DDB-TransactWriteItems-request-ClientRequestToken). */
const TOKEN_TTL_MS = 10 * 60 * 1000;

interface Remembered {
  /** CRC-32 and length of the request's JSON text: compact, as every transaction through the SDK carries a fresh token. */
  fingerprint: string;
  expiresAt: number;
  /** The result's JSON text (a private copy, cheaper than a structured clone); undefined for `{}`. */
  result: string | undefined;
}

/** Remembered results by token, oldest first (entries go in as they are made). */
interface Memo {
  entries: Map<string, Remembered>;
  /** Expiry of the oldest entry: nothing needs dropping before then. */
  oldestExpiresAt: number;
}

const byEngine = new WeakMap<Engine, Memo>();

/** The request's ClientRequestToken (1–36 characters), if any. */
export function clientTokenOf(input: OperationInput): string | undefined {
  const token = optionalString(input, 'ClientRequestToken');
  if (token === undefined) return undefined;
  if (token.length < 1) throw constraintError(token, 'clientRequestToken', 'Member must have length greater than or equal to 1');
  if (token.length > 36) throw constraintError(token, 'clientRequestToken', 'Member must have length less than or equal to 36');
  return token;
}

/**
 * What "the same parameters" means for a reused token: the CRC-32 and length of the request's JSON text — as the
 * wire received it when it did (no second serialisation), else as JSON.stringify writes the input. Only requests
 * with the same token are compared, so the token inside the text changes nothing.
 */
function fingerprintOf(input: OperationInput, requestJson: string | undefined): string {
  const text = requestJson ?? JSON.stringify(input);
  return `${crc32(text)}:${text.length}`;
}

function memoOf(engine: Engine): Memo {
  let memo = byEngine.get(engine);
  if (!memo) byEngine.set(engine, (memo = { entries: new Map(), oldestExpiresAt: Infinity }));
  // Entries go in as they are made, so (with a clock that does not run backwards) the oldest expire first: drop
  // expired ones from the front and stop at the first live one, and only once the oldest has expired. Lookups
  // check expiry themselves, so an out-of-order entry is never served late.
  const now = engine.options.clock.now();
  if (memo.oldestExpiresAt <= now) {
    memo.oldestExpiresAt = Infinity;
    for (const [token, entry] of memo.entries) {
      if (entry.expiresAt > now) {
        memo.oldestExpiresAt = entry.expiresAt;
        break;
      }
      memo.entries.delete(token);
    }
  }
  return memo;
}

/**
 * The result of an earlier successful TransactWriteItems with the same token and the same parameters (within 10 minutes
 * of the engine clock), or undefined. The same token with different parameters is an IdempotentParameterMismatchException.
 */
export function rememberedResult(engine: Engine, token: string, input: OperationInput, requestJson?: string): Record<string, unknown> | undefined {
  const entry = memoOf(engine).entries.get(token);
  if (!entry || entry.expiresAt <= engine.options.clock.now()) return undefined;
  if (entry.fingerprint !== fingerprintOf(input, requestJson)) {
    throw new DynamoDbError('IdempotentParameterMismatchException', 'The request uses the same client token as a previous, but non-identical request.');
  }
  return entry.result === undefined ? {} : (JSON.parse(entry.result) as Record<string, unknown>);
}

/** Remember a successful transaction's result under its token. */
export function rememberResult(engine: Engine, token: string, input: OperationInput, result: Record<string, unknown>, requestJson?: string): void {
  const memo = memoOf(engine);
  const expiresAt = engine.options.clock.now() + TOKEN_TTL_MS;
  memo.entries.set(token, { fingerprint: fingerprintOf(input, requestJson), expiresAt, result: Object.keys(result).length === 0 ? undefined : JSON.stringify(result) });
  if (memo.oldestExpiresAt === Infinity) memo.oldestExpiresAt = expiresAt;
}
