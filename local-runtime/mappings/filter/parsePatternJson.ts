import { FilterError } from './FilterError';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep-merges a duplicate key's object value into the first; any other value replaces it (last wins, as JSON.parse). */
function mergeDuplicate(existing: unknown, next: unknown): unknown {
  if (!isPlainObject(existing) || !isPlainObject(next)) return next;
  const merged: Record<string, unknown> = { ...existing };
  for (const [key, value] of Object.entries(next)) setOwn(merged, key, Object.hasOwn(merged, key) ? mergeDuplicate(merged[key], value) : value);
  return merged;
}

/** Sets `key` as an own property: a pattern may name any field, `__proto__` included (assignment would set the prototype). */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

const TOKEN = /\s*(?:("(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*")|(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)|([{}[\],:]))/y;

/**
 * Parses a filter pattern's JSON text. Unlike `JSON.parse`, a key repeated in one object merges
 * its object values: AWS documents `{ "dynamodb": {…NewImage…}, "dynamodb": {…OldImage…} }` as an
 * AND of both (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html).
 * @throws FilterError when the text is not valid JSON.
 */
export function parsePatternJson(text: string): unknown {
  let at = 0;
  const fail = (): never => {
    throw new FilterError(`pattern is not valid JSON (unexpected input at position ${at})`);
  };
  const next = (): { kind: 'string' | 'number' | 'literal' | 'punct'; text: string } => {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (m === null) return fail();
    at = TOKEN.lastIndex;
    if (m[1] !== undefined) return { kind: 'string', text: m[1] };
    if (m[2] !== undefined) return { kind: 'number', text: m[2] };
    if (m[3] !== undefined) return { kind: 'literal', text: m[3] };
    return { kind: 'punct', text: m[4] ?? '' };
  };
  const value = (token = next()): unknown => {
    if (token.kind === 'string') return JSON.parse(token.text) as string;
    if (token.kind === 'number') return Number(token.text);
    if (token.kind === 'literal') return token.text === 'null' ? null : token.text === 'true';
    if (token.text === '[') {
      const list: unknown[] = [];
      let t = next();
      if (t.text === ']' && t.kind === 'punct') return list;
      for (;;) {
        list.push(value(t));
        t = next();
        if (t.kind === 'punct' && t.text === ']') return list;
        if (t.kind !== 'punct' || t.text !== ',') return fail();
        t = next();
      }
    }
    if (token.text === '{') {
      const object: Record<string, unknown> = {};
      let t = next();
      if (t.text === '}' && t.kind === 'punct') return object;
      for (;;) {
        if (t.kind !== 'string') return fail();
        const key = JSON.parse(t.text) as string;
        const colon = next();
        if (colon.kind !== 'punct' || colon.text !== ':') return fail();
        const v = value();
        setOwn(object, key, Object.hasOwn(object, key) ? mergeDuplicate(object[key], v) : v);
        t = next();
        if (t.kind === 'punct' && t.text === '}') return object;
        if (t.kind !== 'punct' || t.text !== ',') return fail();
        t = next();
      }
    }
    return fail();
  };
  const result = value();
  if (text.slice(at).trim() !== '') fail();
  return result;
}
