import { crc32 } from 'node:zlib';
import { DynamoDbError, constraintError } from '../errors';
import { optionalString } from './input';
import type { Engine } from '../Engine';
import type { OperationInput } from './input';

/** Client tokens stay valid for 10 minutes (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html#DDB-TransactWriteItems-request-ClientRequestToken). */
const TOKEN_TTL_MS = 10 * 60 * 1000;

/** Default for EngineOptions.transactionTokenLimit: about 15 MB of remembered transactions. */
const DEFAULT_TOKEN_LIMIT = 100_000;

/** A remembered transaction (what a durable data directory keeps of the token memo). */
export interface Remembered {
  token: string;
  /** CRC-32 and length of the request's JSON text: compact, as every transaction through the SDK carries a fresh token. */
  crc: number;
  length: number;
  expiresAt: number;
  /** The result's JSON text (a private copy, cheaper than a structured clone); undefined for `{}`. */
  result: string | undefined;
}

/** A token's hash: FNV-1a over its UTF-16 units, cut to 30 bits so that it stays a small integer (exported for tests). */
export function tokenHash(token: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < token.length; i += 1) hash = Math.imul(hash ^ token.charCodeAt(i), 0x01000193);
  return hash & 0x3fffffff;
}

/**
 * Results of successful transactions by client token, for 10 minutes of the engine clock (at most `limit` of them,
 * so that a clock that does not run cannot make it grow without end). The SDK sends a fresh
 * token with every transaction, so this holds one entry per recent transaction and is looked up on each: it is
 * keyed by a small-integer hash of the token (a lookup compares numbers instead of reading 36-character strings
 * scattered over the heap), and the rare tokens that share a hash sit together in a list under it.
 *
 * Entries also wait in a queue in the order they were made, which is the order they expire in (the clock does not
 * run backwards) and the order the limit drops them in, so dropping the oldest takes the queue's head. (Finding it
 * by iterating the map instead walks past every entry deleted since the map last compacted, tens of microseconds
 * per transaction once the memo is full.)
 */
class TokenMemo {
  readonly #byHash = new Map<number, Remembered | Remembered[]>();
  /** Entries oldest first, from #head on (slots before it have been dropped). */
  #queue: (Remembered | undefined)[] = [];
  #head = 0;

  /** `limit`: the most entries kept; beyond it the oldest are dropped. */
  constructor(readonly limit: number) {}

  /** The live entry for `token`, if any. */
  find(token: string, now: number): Remembered | undefined {
    this.#dropExpired(now);
    const found = this.#byHash.get(tokenHash(token));
    const entry = Array.isArray(found) ? found.find((e) => e.token === token) : found?.token === token ? found : undefined;
    return entry && entry.expiresAt > now ? entry : undefined;
  }

  add(entry: Remembered): void {
    const hash = tokenHash(entry.token);
    const found = this.#byHash.get(hash);
    if (found === undefined) this.#byHash.set(hash, entry);
    else {
      // An expired entry for the same token (its queue slot is dropped later, finding nothing), or another token with this hash.
      const others = (Array.isArray(found) ? found : [found]).filter((e) => e.token !== entry.token);
      this.#byHash.set(hash, others.length === 0 ? entry : [...others, entry]);
    }
    this.#queue.push(entry);
    while (this.#queue.length - this.#head > this.limit) this.#dropOldest();
  }

  /** Live entries, oldest first. */
  live(now: number): Remembered[] {
    this.#dropExpired(now);
    return this.#queue.slice(this.#head).filter((e): e is Remembered => e !== undefined && this.find(e.token, now) === e);
  }

  /** Entries are made in expiry order: drop expired ones from the front of the queue, stopping at the first live one. */
  #dropExpired(now: number): void {
    for (let oldest = this.#queue[this.#head]; oldest !== undefined && oldest.expiresAt <= now; oldest = this.#queue[this.#head]) this.#dropOldest();
  }

  #dropOldest(): void {
    const entry = this.#queue[this.#head] as Remembered;
    this.#queue[this.#head] = undefined;
    this.#head += 1;
    // The dropped slots are cut off once they are half the queue (amortised constant time per entry).
    if (this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    const hash = tokenHash(entry.token);
    const found = this.#byHash.get(hash);
    if (found === entry) this.#byHash.delete(hash);
    else if (Array.isArray(found) && found.includes(entry)) {
      const rest = found.filter((e) => e !== entry);
      this.#byHash.set(hash, rest.length === 1 ? (rest[0] as Remembered) : rest);
    }
  }
}

const byEngine = new WeakMap<Engine, TokenMemo>();

function memoOf(engine: Engine): TokenMemo {
  let memo = byEngine.get(engine);
  if (!memo) byEngine.set(engine, (memo = new TokenMemo(Math.max(1, engine.options.transactionTokenLimit ?? DEFAULT_TOKEN_LIMIT))));
  return memo;
}

/** The request's ClientRequestToken (1–36 characters), if any. */
export function clientTokenOf(input: OperationInput): string | undefined {
  const token = optionalString(input, 'ClientRequestToken');
  if (token === undefined) return undefined;
  if (token.length < 1) throw constraintError(token, 'clientRequestToken', 'Member must have length greater than or equal to 1');
  if (token.length > 36) throw constraintError(token, 'clientRequestToken', 'Member must have length less than or equal to 36');
  return token;
}

/**
 * What "the same parameters" means for a reused token: the request's JSON text — as the wire received it when it
 * did (no second serialisation), else as JSON.stringify writes the input. Only requests with the same token are
 * compared, so the token inside the text changes nothing.
 */
function requestTextOf(input: OperationInput, requestJson: string | undefined): string {
  return requestJson ?? JSON.stringify(input);
}

/**
 * The result of an earlier successful TransactWriteItems with the same token and the same parameters (within 10 minutes
 * of the engine clock), or undefined. The same token with different parameters is an IdempotentParameterMismatchException.
 */
export function rememberedResult(engine: Engine, token: string, input: OperationInput, requestJson?: string): Record<string, unknown> | undefined {
  const entry = memoOf(engine).find(token, engine.options.clock.now());
  if (!entry) return undefined;
  const text = requestTextOf(input, requestJson);
  if (entry.length !== text.length || entry.crc !== crc32(text)) {
    throw new DynamoDbError('IdempotentParameterMismatchException', 'The request uses the same client token as a previous, but non-identical request.');
  }
  return entry.result === undefined ? {} : (JSON.parse(entry.result) as Record<string, unknown>);
}

/** Remember a successful transaction's result under its token. */
export function rememberResult(engine: Engine, token: string, input: OperationInput, result: Record<string, unknown>, requestJson?: string): void {
  const text = requestTextOf(input, requestJson);
  let empty = true;
  for (const key in result) if (Object.hasOwn(result, key)) empty = false;
  const entry: Remembered = { token, crc: crc32(text), length: text.length, expiresAt: engine.options.clock.now() + TOKEN_TTL_MS, result: empty ? undefined : JSON.stringify(result) };
  memoOf(engine).add(entry);
  engine.effects?.token(entry);
}

export type { Remembered as RememberedToken };

/** The memo's live entries, oldest first (a durable data directory's snapshot). */
export function liveTokens(engine: Engine): Remembered[] {
  return memoOf(engine).live(engine.options.clock.now());
}

/** Puts back entries {@link liveTokens} or `EngineEffects.token` gave, oldest first; expired ones are skipped. */
export function restoreTokens(engine: Engine, entries: readonly Remembered[]): void {
  const memo = memoOf(engine);
  const now = engine.options.clock.now();
  for (const entry of entries) if (entry.expiresAt > now) memo.add({ ...entry });
}
