import { malformed } from './partiqlErrors';

/** One PartiQL token. `word` is a bare identifier or keyword, `quoted` a "double-quoted" name, `string` a 'literal'. */
export interface Token {
  kind: 'word' | 'quoted' | 'string' | 'number' | 'param' | 'punct' | 'end';
  text: string;
  /** Offset in the statement (for messages). */
  at: number;
}

const PUNCTUATION = ['<<', '>>', '<=', '>=', '<>', '!=', '(', ')', '[', ']', '{', '}', ',', '.', '*', '=', '<', '>', '+', '-', ':', ';'];

function isWordStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '$';
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** Text between `quote`s from `start` (just past the opening quote), a doubled quote standing for one. */
function quotedText(source: string, start: number, quote: string): { text: string; end: number } {
  let text = '';
  for (let i = start; i < source.length; i += 1) {
    const c = source[i] as string;
    if (c !== quote) {
      text += c;
      continue;
    }
    if (source[i + 1] === quote) {
      text += quote;
      i += 1;
      continue;
    }
    return { text, end: i + 1 };
  }
  throw malformed(quote === "'" ? 'Unterminated string literal' : 'Unterminated quoted identifier');
}

/** Split a statement into tokens, dropping whitespace and `--` / `/* *\/` comments. */
export function lexPartiql(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      i += 1;
    } else if (c === '-' && source[i + 1] === '-') {
      while (i < source.length && source[i] !== '\n') i += 1;
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw malformed('Unterminated comment');
      i = end + 2;
    } else if (c === "'" || c === '"') {
      const { text, end } = quotedText(source, i + 1, c);
      tokens.push({ kind: c === "'" ? 'string' : 'quoted', text, at: i });
      i = end;
    } else if (c === '?') {
      tokens.push({ kind: 'param', text: '?', at: i });
      i += 1;
    } else if (isDigit(c) || (c === '.' && isDigit(source[i + 1]))) {
      let j = i;
      while (isDigit(source[j])) j += 1;
      if (source[j] === '.') for (j += 1; isDigit(source[j]); ) j += 1;
      if ((source[j] === 'e' || source[j] === 'E') && (isDigit(source[j + 1]) || ((source[j + 1] === '+' || source[j + 1] === '-') && isDigit(source[j + 2])))) {
        for (j += 2; isDigit(source[j]); ) j += 1;
      }
      tokens.push({ kind: 'number', text: source.slice(i, j), at: i });
      i = j;
    } else if (isWordStart(c)) {
      let j = i + 1;
      while (j < source.length && (isWordStart(source[j] as string) || isDigit(source[j]))) j += 1;
      tokens.push({ kind: 'word', text: source.slice(i, j), at: i });
      i = j;
    } else {
      const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
      if (punct === undefined) throw malformed(`Unexpected character: ${c}`);
      tokens.push({ kind: 'punct', text: punct, at: i });
      i += punct.length;
    }
  }
  tokens.push({ kind: 'end', text: '', at: source.length });
  return tokens;
}
