import { validationError } from '../errors';
import { lexPartiql } from './lexPartiql';
import { PARTIQL_MESSAGES, malformed } from './partiqlErrors';
import type { Token } from './lexPartiql';
import type { Assignment, Expr, ParsedStatement, PathExpr, PathStep, Returning, SelectStatement, Source, Statement } from './ast';

/** Nesting (parentheses, lists, tuples, NOT) beyond this is refused instead of recursing further. */
export const MAX_NESTING = 64;

/** Words that cannot be bare attribute names (quote them: `"value"`). */
const RESERVED = new Set([
  'select', 'from', 'where', 'and', 'or', 'not', 'in', 'is', 'between', 'missing', 'null', 'true', 'false', 'insert', 'into',
  'value', 'values', 'update', 'set', 'remove', 'delete', 'returning', 'order', 'by', 'asc', 'desc', 'exists', 'limit', 'as',
]);

const COMPARATORS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);

/**
 * A recursive-descent parser over {@link lexPartiql}'s tokens. Every recursion passes through {@link #nested},
 * which bounds the depth, so no statement can exhaust the stack.
 */
class Parser {
  #i = 0;
  #depth = 0;
  parameters = 0;

  constructor(readonly tokens: Token[]) {}

  get #token(): Token {
    return this.tokens[this.#i] as Token;
  }

  #fail(): never {
    const token = this.#token;
    throw malformed(token.kind === 'end' ? 'Unexpected end of statement' : `Unexpected token: ${token.kind === 'string' ? `'${token.text}'` : token.text}`);
  }

  #isWord(word: string): boolean {
    const token = this.#token;
    return token.kind === 'word' && token.text.toLowerCase() === word;
  }

  #acceptWord(word: string): boolean {
    if (!this.#isWord(word)) return false;
    this.#i += 1;
    return true;
  }

  #word(word: string): void {
    if (!this.#acceptWord(word)) this.#fail();
  }

  #isPunct(text: string): boolean {
    const token = this.#token;
    return token.kind === 'punct' && token.text === text;
  }

  #acceptPunct(text: string): boolean {
    if (!this.#isPunct(text)) return false;
    this.#i += 1;
    return true;
  }

  #punct(text: string): void {
    if (!this.#acceptPunct(text)) this.#fail();
  }

  #nested<T>(parse: () => T): T {
    this.#depth += 1;
    if (this.#depth > MAX_NESTING) throw validationError(PARTIQL_MESSAGES.tooDeep);
    try {
      return parse();
    } finally {
      this.#depth -= 1;
    }
  }

  /** A name: a bare identifier that is not a keyword, or a "quoted" one. */
  #name(): string {
    const token = this.#token;
    if (token.kind === 'quoted' || (token.kind === 'word' && !RESERVED.has(token.text.toLowerCase()))) {
      this.#i += 1;
      return token.text;
    }
    return this.#fail();
  }

  statement(): Statement {
    const statement = this.#statementBody();
    this.#acceptPunct(';');
    if (this.#token.kind !== 'end') this.#fail();
    return statement;
  }

  #statementBody(): Statement {
    if (this.#acceptWord('select')) return this.#select();
    if (this.#acceptWord('insert')) return this.#insert();
    if (this.#acceptWord('update')) return this.#update();
    if (this.#acceptWord('delete')) return this.#delete();
    if (this.#acceptWord('exists')) {
      this.#punct('(');
      this.#word('select');
      const select = this.#select();
      this.#punct(')');
      return { type: 'exists', select };
    }
    throw malformed(this.#token.kind === 'end' ? 'Unexpected end of statement' : 'Expected data manipulation');
  }

  #select(): SelectStatement {
    let projection: PathExpr[] | undefined;
    if (this.#acceptPunct('*')) {
      if (this.#isPunct(',')) throw validationError(PARTIQL_MESSAGES.starAndOthers);
    } else {
      projection = [];
      do {
        if (this.#isPunct('*')) throw validationError(PARTIQL_MESSAGES.starAndOthers);
        projection.push(this.#path());
      } while (this.#acceptPunct(','));
      if (this.#isPunct('*')) throw validationError(PARTIQL_MESSAGES.starAndOthers);
    }
    this.#word('from');
    const source = this.#source();
    const where = this.#acceptWord('where') ? this.#expr() : undefined;
    const orderBy: SelectStatement['orderBy'] = [];
    if (this.#acceptWord('order')) {
      this.#word('by');
      do {
        const path = this.#path();
        const descending = this.#acceptWord('desc');
        if (!descending) this.#acceptWord('asc');
        orderBy.push({ path, descending });
      } while (this.#acceptPunct(','));
    }
    return { type: 'select', ...(projection ? { projection } : {}), source, ...(where ? { where } : {}), orderBy };
  }

  #source(): Source {
    const table = this.#name();
    if (!this.#acceptPunct('.')) return { table };
    const index = this.#name();
    if (this.#isPunct('.')) throw validationError('A path may contain at most 2 components in the FROM clause');
    return { table, index };
  }

  #insert(): Statement {
    this.#word('into');
    const table = this.#name();
    if (this.#isPunct('.')) throw validationError(PARTIQL_MESSAGES.notOnIndex);
    if (this.#isWord('values')) throw validationError('Unsupported operation: Inserting multiple items in a single statement is not supported, use "INSERT INTO tableName VALUE item" instead');
    this.#word('value');
    const value = this.#expr();
    if (this.#isWord('returning')) throw validationError(PARTIQL_MESSAGES.returningInsert);
    return { type: 'insert', table, value };
  }

  #update(): Statement {
    const table = this.#name();
    if (this.#isPunct('.')) throw validationError(PARTIQL_MESSAGES.notOnIndex);
    const assignments: Assignment[] = [];
    for (;;) {
      if (this.#acceptWord('set')) {
        do {
          const path = this.#path();
          this.#punct('=');
          assignments.push({ kind: 'set', path, value: this.#additive() });
        } while (this.#acceptPunct(','));
      } else if (this.#acceptWord('remove')) {
        do assignments.push({ kind: 'remove', path: this.#path() });
        while (this.#acceptPunct(','));
      } else break;
    }
    if (assignments.length === 0) this.#fail();
    const where = this.#acceptWord('where') ? this.#expr() : undefined;
    const returning = this.#returning();
    return { type: 'update', table, assignments, ...(where ? { where } : {}), ...(returning ? { returning } : {}) };
  }

  #delete(): Statement {
    this.#word('from');
    const table = this.#name();
    if (this.#isPunct('.')) throw validationError(PARTIQL_MESSAGES.notOnIndex);
    const where = this.#acceptWord('where') ? this.#expr() : undefined;
    const returning = this.#returning();
    if (returning !== undefined && returning !== 'ALL_OLD') {
      const [scope, image] = returning === 'ALL_NEW' ? ['ALL', 'NEW'] : returning === 'UPDATED_OLD' ? ['MODIFIED', 'OLD'] : ['MODIFIED', 'NEW'];
      throw validationError(`Invalid returning clause: RETURNING ${scope} ${image} *. Only RETURNING ALL OLD * is allowed in DELETE statements.`);
    }
    return { type: 'delete', table, ...(where ? { where } : {}), ...(returning ? { returning } : {}) };
  }

  /** `RETURNING (ALL | MODIFIED) (OLD | NEW) *` (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.update.html). */
  #returning(): Returning | undefined {
    if (!this.#acceptWord('returning')) return undefined;
    const all = this.#acceptWord('all');
    if (!all) this.#word('modified');
    const old = this.#acceptWord('old');
    if (!old) this.#word('new');
    if (!this.#acceptPunct('*')) throw validationError("Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause");
    return `${all ? 'ALL' : 'UPDATED'}_${old ? 'OLD' : 'NEW'}`;
  }

  #path(): PathExpr {
    if (this.#token.kind === 'punct' && this.#token.text === '[') throw validationError(PARTIQL_MESSAGES.pathStartsWithIndex);
    const root = this.#name();
    const steps: PathStep[] = [];
    for (;;) {
      if (this.#acceptPunct('.')) {
        if (this.#isPunct('*')) throw validationError('Unpivot path component like a.*.b are not supported');
        steps.push({ kind: 'name', name: this.#name() });
      } else if (this.#acceptPunct('[')) {
        const token = this.#token;
        if (token.kind === 'number' && /^\d+$/.test(token.text)) steps.push({ kind: 'index', index: Number(token.text) });
        else if (token.kind === 'string') steps.push({ kind: 'name', name: token.text });
        else if (token.kind === 'punct' && token.text === '*') throw validationError('Wildcard path component like a[*].b are not supported');
        else this.#fail();
        this.#i += 1;
        this.#punct(']');
      } else break;
    }
    return { kind: 'path', root, steps };
  }

  #expr(): Expr {
    return this.#nested(() => {
      let left = this.#and();
      while (this.#acceptWord('or')) left = { kind: 'or', left, right: this.#and() };
      return left;
    });
  }

  #and(): Expr {
    let left = this.#not();
    while (this.#acceptWord('and')) left = { kind: 'and', left, right: this.#not() };
    return left;
  }

  #not(): Expr {
    if (this.#acceptWord('not')) return this.#nested(() => ({ kind: 'not', operand: this.#not() }));
    return this.#predicate();
  }

  #predicate(): Expr {
    const left = this.#additive();
    const token = this.#token;
    if (token.kind === 'punct' && COMPARATORS.has(token.text)) {
      this.#i += 1;
      const op = token.text === '!=' ? '<>' : (token.text as '=' | '<>' | '<' | '<=' | '>' | '>=');
      return { kind: 'compare', op, left, right: this.#additive() };
    }
    if (this.#acceptWord('is')) {
      const negated = this.#acceptWord('not');
      const type = this.#token;
      if (type.kind !== 'word') this.#fail();
      this.#i += 1;
      return { kind: 'is', operand: left, negated, type: type.text.toUpperCase() };
    }
    const negated = this.#acceptWord('not');
    let predicate: Expr | undefined;
    if (this.#acceptWord('between')) {
      const low = this.#additive();
      this.#word('and');
      predicate = { kind: 'between', operand: left, low, high: this.#additive() };
    } else if (this.#acceptWord('in')) {
      predicate = { kind: 'in', operand: left, list: this.#additive() };
    } else if (negated) this.#fail();
    return predicate === undefined ? left : negated ? { kind: 'not', operand: predicate } : predicate;
  }

  #additive(): Expr {
    let left = this.#primary();
    for (;;) {
      if (this.#acceptPunct('+')) left = { kind: 'arith', op: '+', left, right: this.#primary() };
      else if (this.#acceptPunct('-')) left = { kind: 'arith', op: '-', left, right: this.#primary() };
      else return left;
    }
  }

  #items(close: string): Expr[] {
    const items: Expr[] = [];
    if (this.#acceptPunct(close)) return items;
    do items.push(this.#expr());
    while (this.#acceptPunct(','));
    this.#punct(close);
    return items;
  }

  #primary(): Expr {
    const token = this.#token;
    switch (token.kind) {
      case 'string':
        this.#i += 1;
        return { kind: 'string', value: token.text };
      case 'number':
        this.#i += 1;
        return { kind: 'number', text: token.text };
      case 'param':
        this.#i += 1;
        return { kind: 'param', index: this.parameters++ };
      case 'quoted':
        return this.#path();
      case 'end':
        return this.#fail();
      case 'punct':
        return this.#nested(() => this.#bracketed(token));
      case 'word':
        return this.#wordExpr(token);
    }
  }

  #bracketed(token: Token): Expr {
    this.#i += 1;
    switch (token.text) {
      case '(': {
        const items = this.#items(')');
        if (items.length === 1) return items[0] as Expr;
        return { kind: 'list', items };
      }
      case '[':
        return { kind: 'list', items: this.#items(']') };
      case '<<':
        return { kind: 'bag', items: this.#items('>>') };
      case '{': {
        const entries: { key: Expr; value: Expr }[] = [];
        if (this.#acceptPunct('}')) return { kind: 'tuple', entries };
        do {
          const key = this.#expr();
          this.#punct(':');
          entries.push({ key, value: this.#expr() });
        } while (this.#acceptPunct(','));
        this.#punct('}');
        return { kind: 'tuple', entries };
      }
      case '-': {
        const number = this.#token;
        if (number.kind !== 'number') this.#fail();
        this.#i += 1;
        return { kind: 'number', text: `-${number.text}` };
      }
      default:
        this.#i -= 1;
        return this.#fail();
    }
  }

  #wordExpr(token: Token): Expr {
    const word = token.text.toLowerCase();
    if (word === 'true' || word === 'false') {
      this.#i += 1;
      return { kind: 'boolean', value: word === 'true' };
    }
    if (word === 'null' || word === 'missing') {
      this.#i += 1;
      return { kind: word };
    }
    const next = this.tokens[this.#i + 1];
    if (next?.kind === 'punct' && next.text === '(' && (!RESERVED.has(word) || word === 'exists')) {
      this.#i += 2;
      return this.#nested(() => ({ kind: 'call', name: word, args: this.#items(')') }));
    }
    return this.#path();
  }
}

/**
 * Parse one PartiQL statement (DynamoDB's subset: SELECT, INSERT, UPDATE, DELETE, and EXISTS for transactions).
 * Syntax errors are `ValidationException: Statement wasn't well formed, can't be processed: …`.
 * @example parsePartiql(`SELECT * FROM "orders" WHERE PK = ?`).parameterCount // 1
 */
export function parsePartiql(source: string): ParsedStatement {
  const parser = new Parser(lexPartiql(source));
  const statement = parser.statement();
  return { statement, parameterCount: parser.parameters };
}
