import { crc32 } from 'node:zlib';
import { DynamoDbError, constraintError } from '../errors';
import { optionalString } from './input';
import type { Engine } from '../Engine';
import type { OperationInput } from './input';

/** Client tokens stay valid for 10 minutes (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html#DDB-TransactWriteItems-request-ClientRequestToken). */
const TOKEN_TTL_MS = 10 * 60 * 1000;

/** Default for EngineOptions.transactionTokenLimit: about 15 MB of remembered transactions. */
const DEFAULT_TOKEN_LIMIT = 100_000;

interface Remembered {
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
 */
class TokenMemo {
  /** Entries by token hash, in the order they were made (oldest first). */
  readonly #entries = new Map<number, Remembered | Remembered[]>();
  /** Expiry of the oldest entry: nothing needs dropping before then. */
  #oldestExpiresAt = Infinity;

  /** `limit`: the most hashes kept (tokens sharing a hash count once); beyond it the oldest are dropped. */
  constructor(readonly limit: number) {}

  /** The live entry for `token`, if any. */
  find(token: string, now: number): Remembered | undefined {
    this.#sweep(now);
    const found = this.#entries.get(tokenHash(token));
    const entry = Array.isArray(found) ? found.find((e) => e.token === token) : found?.token === token ? found : undefined;
    return entry && entry.expiresAt > now ? entry : undefined;
  }

  add(entry: Remembered): void {
    const hash = tokenHash(entry.token);
    const found = this.#entries.get(hash);
    if (found === undefined) this.#entries.set(hash, entry);
    else {
      // An expired entry for the same token, or another token with this hash.
      const others = (Array.isArray(found) ? found : [found]).filter((e) => e.token !== entry.token);
      this.#entries.set(hash, others.length === 0 ? entry : [...others, entry]);
    }
    if (this.#oldestExpiresAt === Infinity) this.#oldestExpiresAt = entry.expiresAt;
    if (this.#entries.size > this.limit) {
      for (const oldest of this.#entries.keys()) {
        this.#entries.delete(oldest);
        if (this.#entries.size <= this.limit) break;
      }
    }
  }

  /**
   * Entries go in as they are made, so (with a clock that does not run backwards) the oldest expire first: drop
   * expired ones from the front, stopping at the first live one, and only once the oldest has expired. A list of
   * tokens sharing a hash keeps its place while any of them lives; lookups check expiry themselves, so an entry
   * kept longer is never served late.
   */
  #sweep(now: number): void {
    if (this.#oldestExpiresAt > now) return;
    this.#oldestExpiresAt = Infinity;
    for (const [hash, found] of this.#entries) {
      const live = Array.isArray(found) ? found.filter((e) => e.expiresAt > now) : found.expiresAt > now ? [found] : [];
      if (live.length > 0) {
        this.#oldestExpiresAt = Math.min(...live.map((e) => e.expiresAt));
        if (Array.isArray(found) && live.length < found.length) this.#entries.set(hash, live.length === 1 ? (live[0] as Remembered) : live);
        break;
      }
      this.#entries.delete(hash);
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
  memoOf(engine).add({ token, crc: crc32(text), length: text.length, expiresAt: engine.options.clock.now() + TOKEN_TTL_MS, result: empty ? undefined : JSON.stringify(result) });
}
