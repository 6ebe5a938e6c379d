import { validationError } from '../errors';
import type { DynamoDbError } from '../errors';

export type TokenKind = 'identifier' | 'name' | 'value' | 'number' | 'symbol' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
}

/** Which expression parameter is being parsed; appears in every message (`Invalid ConditionExpression: …`). */
export type ExpressionKind = 'ConditionExpression' | 'FilterExpression' | 'KeyConditionExpression' | 'ProjectionExpression' | 'UpdateExpression';

const TOKEN_PATTERNS: [TokenKind, RegExp][] = [
  ['name', /#[A-Za-z0-9_]+/y],
  ['value', /:[A-Za-z0-9_]+/y],
  ['identifier', /[A-Za-z_][A-Za-z0-9_]*/y],
  ['number', /[0-9]+/y],
  ['symbol', /<>|<=|>=|[=<>()[\],.+-]/y],
];

/** Split an expression into tokens; an unknown character is a syntax error at that character. */
function tokenize(source: string, fail: (token: Token, tokens: Token[], index: number) => DynamoDbError): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < source.length) {
    if (/\s/.test(source[pos] as string)) {
      pos += 1;
      continue;
    }
    let matched = false;
    for (const [kind, pattern] of TOKEN_PATTERNS) {
      pattern.lastIndex = pos;
      const m = pattern.exec(source);
      if (m) {
        tokens.push({ kind, text: m[0], start: pos });
        pos += m[0].length;
        matched = true;
        break;
      }
    }
    if (!matched) {
      const bad: Token = { kind: 'symbol', text: source[pos] as string, start: pos };
      tokens.push(bad);
      throw fail(bad, tokens, tokens.length - 1);
    }
  }
  tokens.push({ kind: 'eof', text: '<EOF>', start: source.length });
  return tokens;
}

/**
 * Token lists of recently seen expression texts (applications send the same few expressions again and again).
 * Tokenizing depends on the text alone and token lists are frozen, so sharing them is safe; only successful
 * tokenizations are kept, so errors are raised afresh (with the kind of the expression that failed).
 */
const TOKEN_CACHE = new Map<string, readonly Token[]>();
const TOKEN_CACHE_SIZE = 256;

function cachedTokens(source: string): Token[] | undefined {
  const tokens = TOKEN_CACHE.get(source);
  if (tokens === undefined) return undefined;
  // Least recently used first: move this text to the end.
  TOKEN_CACHE.delete(source);
  TOKEN_CACHE.set(source, tokens);
  return tokens as Token[];
}

function rememberTokens(source: string, tokens: Token[]): Token[] {
  for (const token of tokens) Object.freeze(token);
  Object.freeze(tokens);
  TOKEN_CACHE.set(source, tokens);
  if (TOKEN_CACHE.size > TOKEN_CACHE_SIZE) TOKEN_CACHE.delete(TOKEN_CACHE.keys().next().value as string);
  return tokens;
}

/**
 * Deepest nesting of parentheses, NOT and function calls an expression may use. AWS documents no such limit (its
 * 4 KB expression size bounds it); its message for too deep an expression was not found, so this one is ours
 * (listed in local-runtime/README.md).
 */
export const MAX_NESTING = 100;

/** A saved cursor position: {@link TokenStream.mark} and {@link TokenStream.reset}. */
export interface StreamMark {
  index: number;
  depth: number;
  deferred: DynamoDbError | undefined;
  deferredRank: number;
}

/** A cursor over the tokens of one expression, producing AWS-worded syntax errors. */
export class TokenStream {
  readonly tokens: Token[];
  #index = 0;

  constructor(
    readonly source: string,
    readonly kind: ExpressionKind,
  ) {
    this.tokens = cachedTokens(source) ?? rememberTokens(source, tokenize(source, (token, tokens, index) => this.#syntaxError(token, tokens, index)));
  }

  /** Where the cursor is, and how deep (for {@link TokenStream.reset}: a parser trying one reading, then another). */
  mark(): StreamMark {
    return { index: this.#index, depth: this.#depth, deferred: this.#deferred, deferredRank: this.#deferredRank };
  }

  reset(mark: StreamMark): void {
    this.#index = mark.index;
    this.#depth = mark.depth;
    this.#deferred = mark.deferred;
    this.#deferredRank = mark.deferredRank;
  }

  /** The first error of a kind AWS reports only when the expression has no syntax-level error (see {@link TokenStream.defer}). */
  #deferred: DynamoDbError | undefined;
  #deferredRank = Infinity;

  /**
   * Note an error AWS ranks below syntax-level ones (redundant parentheses, misused or unknown functions): it is
   * thrown by {@link TokenStream.throwDeferred} once the whole expression has parsed (dynalite's test/scan.js
   * shows the ranking: `a=a and a > ((views))` reports the parentheses, not the reserved word `views` nor `a=a`).
   * Of deferred errors, the lowest `rank` wins, then the first: 1 unknown functions, 2 misused functions, 3 reserved
   * words, 4 operand errors.
   */
  defer(error: DynamoDbError, rank: 1 | 2 | 3 | 4): void {
    if (rank >= this.#deferredRank) return;
    this.#deferred = error;
    this.#deferredRank = rank;
  }

  throwDeferred(): void {
    if (this.#deferred) throw this.#deferred;
  }

  /** Open nesting levels (parentheses, NOT, function calls) of the parse so far; see {@link TokenStream.enter}. */
  #depth = 0;

  /**
   * Enter one nesting level, rejecting an expression nested deeper than {@link MAX_NESTING}: parsers recurse once per
   * level, so this bounds their stack whatever the text. Pair with {@link TokenStream.leave}.
   */
  enter(): void {
    this.#depth += 1;
    if (this.#depth > MAX_NESTING) throw this.error(`The expression has too many nested levels; maximum nesting levels: ${MAX_NESTING}`);
  }

  leave(): void {
    this.#depth -= 1;
  }

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.#index + offset, this.tokens.length - 1)] as Token;
  }

  next(): Token {
    const token = this.peek();
    if (this.#index < this.tokens.length - 1) this.#index += 1;
    return token;
  }

  /** True (and consumed) when the next token is `text` (keywords case-insensitively). */
  accept(text: string): boolean {
    const token = this.peek();
    const same = token.kind === 'identifier' ? token.text.toUpperCase() === text.toUpperCase() : token.kind === 'symbol' && token.text === text;
    if (same) this.next();
    return same;
  }

  /** Whether the next token is the keyword `word` (case-insensitive), without consuming it. */
  isKeyword(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'identifier' && token.text.toUpperCase() === word;
  }

  expect(text: string): void {
    if (!this.accept(text)) throw this.unexpected();
  }

  /** Syntax error at the current token. */
  unexpected(token: Token = this.peek()): DynamoDbError {
    return this.#syntaxError(token, this.tokens, this.tokens.indexOf(token));
  }

  /** `Invalid <Kind>: <message>` */
  error(message: string): DynamoDbError {
    return validationError(`Invalid ${this.kind}: ${message}`);
  }

  #syntaxError(token: Token, tokens: Token[], index: number): DynamoDbError {
    const before = tokens[index - 1];
    const after = tokens[index + 1];
    const start = before ? before.start : token.start;
    const end = after && after.kind !== 'eof' ? after.start + after.text.length : token.kind === 'eof' ? this.source.length : token.start + token.text.length;
    return this.error(`Syntax error; token: "${token.text}", near: "${this.source.slice(start, end)}"`);
  }
}
