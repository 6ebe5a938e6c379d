/** The PartiQL subset DynamoDB runs, as a syntax tree (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.statements.html). */

/** One step after a path's first name: `.name`, `[2]` or `['name']`. */
export type PathStep = { kind: 'name'; name: string } | { kind: 'index'; index: number };

export type Expr =
  | { kind: 'path'; root: string; steps: PathStep[] }
  | { kind: 'string'; value: string }
  | { kind: 'number'; text: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'missing' }
  /** `?`: the index-th parameter (0-based, in statement order). */
  | { kind: 'param'; index: number }
  | { kind: 'list'; items: Expr[] }
  | { kind: 'bag'; items: Expr[] }
  | { kind: 'tuple'; entries: { key: Expr; value: Expr }[] }
  | { kind: 'compare'; op: '=' | '<>' | '<' | '<=' | '>' | '>='; left: Expr; right: Expr }
  | { kind: 'arith'; op: '+' | '-'; left: Expr; right: Expr }
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; operand: Expr }
  | { kind: 'between'; operand: Expr; low: Expr; high: Expr }
  | { kind: 'in'; operand: Expr; list: Expr }
  /** `x IS [NOT] MISSING|NULL|STRING|…`. */
  | { kind: 'is'; operand: Expr; negated: boolean; type: string }
  | { kind: 'call'; name: string; args: Expr[] };

export type PathExpr = Extract<Expr, { kind: 'path' }>;

/** `FROM "table"` or `FROM "table"."index"`. */
export interface Source {
  table: string;
  index?: string;
}

export interface SelectStatement {
  type: 'select';
  /** Undefined for `*`. */
  projection?: PathExpr[];
  source: Source;
  where?: Expr;
  orderBy: { path: PathExpr; descending: boolean }[];
}

export interface InsertStatement {
  type: 'insert';
  table: string;
  value: Expr;
}

export type Returning = 'ALL_OLD' | 'ALL_NEW' | 'UPDATED_OLD' | 'UPDATED_NEW';

export type Assignment = { kind: 'set'; path: PathExpr; value: Expr } | { kind: 'remove'; path: PathExpr };

export interface UpdateStatement {
  type: 'update';
  table: string;
  assignments: Assignment[];
  where?: Expr;
  returning?: Returning;
}

export interface DeleteStatement {
  type: 'delete';
  table: string;
  where?: Expr;
  returning?: Returning;
}

/** `EXISTS(SELECT … WHERE <key> AND <condition>)`: a condition check in ExecuteTransaction. */
export interface ExistsStatement {
  type: 'exists';
  select: SelectStatement;
}

export type Statement = SelectStatement | InsertStatement | UpdateStatement | DeleteStatement | ExistsStatement;

/** A parsed statement and how many `?` it holds. */
export interface ParsedStatement {
  statement: Statement;
  parameterCount: number;
}
