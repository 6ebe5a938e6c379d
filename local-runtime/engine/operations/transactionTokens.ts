import { crc32 } from 'node:zlib';
import { DynamoDbError, constraintError } from '../errors';
import { optionalString } from './input';
import type { Engine } from '../Engine';
import type { OperationInput } from './input';

/** Client tokens stay valid for 10 minutes (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html#DDB-TransactWriteItems-request-ClientRequestToken). */
const TOKEN_TTL_MS = 10 * 60 * 1000;

interface Remembered {
  /** CRC-32 and length of the request's JSON (without the token): compact, as every transaction through the SDK carries a fresh token. */
  fingerprint: string;
  expiresAt: number;
  /** The result's JSON text (a private copy, cheaper than a structured clone); undefined for `{}`. */
  result: string | undefined;
}

const byEngine = new WeakMap<Engine, Map<string, Remembered>>();

/** The request's ClientRequestToken (1–36 characters), if any. */
export function clientTokenOf(input: OperationInput): string | undefined {
  const token = optionalString(input, 'ClientRequestToken');
  if (token === undefined) return undefined;
  if (token.length < 1) throw constraintError(token, 'clientRequestToken', 'Member must have length greater than or equal to 1');
  if (token.length > 36) throw constraintError(token, 'clientRequestToken', 'Member must have length less than or equal to 36');
  return token;
}

function fingerprintOf(input: OperationInput): string {
  const { ClientRequestToken: _token, ...rest } = input;
  const text = JSON.stringify(rest);
  return `${crc32(text)}:${text.length}`;
}

function tokens(engine: Engine): Map<string, Remembered> {
  let map = byEngine.get(engine);
  if (!map) byEngine.set(engine, (map = new Map()));
  // Entries go in as they are made, so (with a clock that does not run backwards) the oldest expire first: drop
  // expired ones from the front and stop at the first live one, instead of visiting every remembered token per
  // request. Lookups check expiry themselves, so an out-of-order entry is never served late.
  const now = engine.options.clock.now();
  for (const [token, entry] of map) {
    if (entry.expiresAt > now) break;
    map.delete(token);
  }
  return map;
}

/**
 * The result of an earlier successful TransactWriteItems with the same token and the same parameters (within 10 minutes
 * of the engine clock), or undefined. The same token with different parameters is an IdempotentParameterMismatchException.
 */
export function rememberedResult(engine: Engine, token: string, input: OperationInput): Record<string, unknown> | undefined {
  const entry = tokens(engine).get(token);
  if (!entry || entry.expiresAt <= engine.options.clock.now()) return undefined;
  if (entry.fingerprint !== fingerprintOf(input)) {
    throw new DynamoDbError('IdempotentParameterMismatchException', 'The request uses the same client token as a previous, but non-identical request.');
  }
  return entry.result === undefined ? {} : (JSON.parse(entry.result) as Record<string, unknown>);
}

/** Remember a successful transaction's result under its token. */
export function rememberResult(engine: Engine, token: string, input: OperationInput, result: Record<string, unknown>): void {
  tokens(engine).set(token, { fingerprint: fingerprintOf(input), expiresAt: engine.options.clock.now() + TOKEN_TTL_MS, result: Object.keys(result).length === 0 ? undefined : JSON.stringify(result) });
}
