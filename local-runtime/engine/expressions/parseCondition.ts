import { DynamoDbError } from '../errors';
import { CONDITION_FUNCTIONS, PARENTHESIZED, REFUSED_CALLS, checkArity, parseArguments, parseOperand } from './parseOperand';
import { TokenStream } from './TokenStream';
import { describePath } from './ast';
import type { Comparator, ConditionFunction, ConditionNode, OperandNode, PathNode } from './ast';
import type { ExpressionAttributes } from './ExpressionAttributes';
import type { ExpressionKind } from './TokenStream';

const COMPARATORS = new Set<string>(['=', '<>', '<', '<=', '>', '>=']);
const ARITY: Record<ConditionFunction, number> = { attribute_exists: 1, attribute_not_exists: 1, attribute_type: 2, begins_with: 2, contains: 2 };
const PATH_FIRST = new Set(['attribute_exists', 'attribute_not_exists', 'attribute_type']);

function samePath(a: OperandNode | undefined, b: OperandNode | undefined): a is PathNode {
  if (a?.type !== 'path' || b?.type !== 'path' || a.elements.length !== b.elements.length) return false;
  return a.elements.every((e, i) => {
    const o = b.elements[i] as PathNode['elements'][number];
    return e.kind === o.kind && (e.kind === 'name' ? e.name === (o as { name: string }).name : e.index === (o as { index: number }).index);
  });
}

/** `a = a`, `contains(a, a)`: AWS requires the first operand to differ from the others (dynalite's test/scan.js, "non-distinct expressions"). */
function checkDistinct(stream: TokenStream, operator: string, first: OperandNode | undefined, second: OperandNode | undefined): void {
  if (samePath(first, second)) {
    stream.defer(stream.error(`The first operand must be distinct from the remaining operands for this operator or function; operator: ${operator}, first operand: ${describePath(first)}`), 4);
  }
}

function misused(stream: TokenStream, name: string): void {
  stream.defer(stream.error(`The function is not allowed to be used this way in an expression; function: ${name}`), 2);
}

/** Whether the next token continues an operand into a condition (a comparator, BETWEEN or IN). */
function continuesOperand(stream: TokenStream): boolean {
  const next = stream.peek();
  return (next.kind === 'symbol' && COMPARATORS.has(next.text)) || stream.isKeyword('BETWEEN') || stream.isKeyword('IN');
}

function functionCondition(stream: TokenStream, attributes: ExpressionAttributes): ConditionNode {
  const name = stream.next().text as ConditionFunction;
  const args = parseArguments(stream, attributes, 'condition');
  checkArity(stream, name, args, ARITY[name]);
  if (name !== 'attribute_exists' && name !== 'attribute_not_exists') checkDistinct(stream, name, args[0], args[1]);
  if (PATH_FIRST.has(name) && (args[0] as OperandNode).type !== 'path') {
    throw stream.error(`Operator or function requires a document path; operator or function: ${name}`);
  }
  // A condition function answers true or false, which nothing compares (`begins_with(a, :p) = :x`).
  if (continuesOperand(stream)) {
    misused(stream, name);
    return comparison(stream, attributes, { type: 'path', elements: [{ kind: 'name', name }] });
  }
  return { type: 'function', name, args };
}

/** Errors both readings of a `(` would raise alike: no point trying the other. */
function isFinal(error: DynamoDbError): boolean {
  return /redundant parentheses|too many nested levels|is not defined/.test(error.message);
}

/**
 * A `(`: either a condition in parentheses (`(a = :v OR b = :v)`) or an operand in parentheses (`(a) = :v`). Try
 * the condition first, then the operand; when both fail, report the reading that got further.
 */
function parenthesized(stream: TokenStream, attributes: ExpressionAttributes): ConditionNode {
  const start = stream.mark();
  let first: DynamoDbError;
  let firstAt: number;
  try {
    stream.expect('(');
    stream.enter();
    const inner = or(stream, attributes);
    stream.expect(')');
    stream.leave();
    if (PARENTHESIZED.has(inner)) throw stream.error('The expression has redundant parentheses;');
    // `(size(a)) > :n`: what the parentheses held was an operand after all.
    if (continuesOperand(stream)) throw stream.unexpected();
    const node = { ...inner };
    PARENTHESIZED.add(node);
    return node;
  } catch (error) {
    if (!(error instanceof DynamoDbError) || isFinal(error)) throw error;
    first = error;
    firstAt = stream.mark().index;
  }
  stream.reset(start);
  try {
    return comparison(stream, attributes, parseOperand(stream, attributes, 'condition'));
  } catch (error) {
    if (!(error instanceof DynamoDbError) || isFinal(error) || stream.mark().index > firstAt) throw error;
    throw first;
  }
}

/** The rest of a condition whose first operand has been read: a comparison, BETWEEN or IN. */
function comparison(stream: TokenStream, attributes: ExpressionAttributes, operand: OperandNode): ConditionNode {
  const next = stream.peek();
  if (next.kind === 'symbol' && COMPARATORS.has(next.text)) {
    stream.next();
    const right = parseOperand(stream, attributes, 'condition');
    checkDistinct(stream, next.text, operand, right);
    return { type: 'compare', operator: next.text as Comparator, left: operand, right };
  }
  if (stream.accept('BETWEEN')) {
    const low = parseOperand(stream, attributes, 'condition');
    stream.expect('AND');
    return { type: 'between', operand, low, high: parseOperand(stream, attributes, 'condition') };
  }
  if (stream.accept('IN')) {
    stream.expect('(');
    const list = [parseOperand(stream, attributes, 'condition')];
    while (stream.accept(',')) list.push(parseOperand(stream, attributes, 'condition'));
    stream.expect(')');
    if (list.length > 100) throw stream.error(`The IN operator is provided with too many operands; number of operands: ${list.length}`);
    return { type: 'in', operand, list };
  }
  // `size(a)` alone is a number, not a condition.
  if (REFUSED_CALLS.has(operand)) return { type: 'function', name: 'attribute_exists', args: [operand] };
  if (operand.type === 'size') {
    misused(stream, 'size');
    return { type: 'function', name: 'attribute_exists', args: [operand.target] };
  }
  throw stream.unexpected();
}

function primary(stream: TokenStream, attributes: ExpressionAttributes): ConditionNode {
  const token = stream.peek();
  if (token.kind === 'symbol' && token.text === '(') return parenthesized(stream, attributes);
  if (token.kind === 'identifier' && CONDITION_FUNCTIONS.has(token.text) && stream.peek(1).text === '(') return functionCondition(stream, attributes);
  return comparison(stream, attributes, parseOperand(stream, attributes, 'condition'));
}

/** `NOT NOT … primary`, read in a loop (each NOT is one nesting level). */
function not(stream: TokenStream, attributes: ExpressionAttributes): ConditionNode {
  let count = 0;
  while (stream.accept('NOT')) {
    stream.enter();
    count += 1;
  }
  let node = primary(stream, attributes);
  for (let i = 0; i < count; i += 1) {
    node = { type: 'not', operand: node };
    stream.leave();
  }
  return node;
}

function and(stream: TokenStream, attributes: ExpressionAttributes): ConditionNode {
  let left = not(stream, attributes);
  while (stream.accept('AND')) left = { type: 'and', left, right: not(stream, attributes) };
  return left;
}

function or(stream: TokenStream, attributes: ExpressionAttributes): ConditionNode {
  let left = and(stream, attributes);
  while (stream.accept('OR')) left = { type: 'or', left, right: and(stream, attributes) };
  return left;
}

/**
 * Parse a condition, filter or key condition expression into a tree. Precedence as DynamoDB documents it:
 * comparisons, BETWEEN, IN bind tightest, then NOT, AND, OR
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html#Expressions.OperatorsAndFunctions.Precedence).
 */
export function parseCondition(source: string, kind: ExpressionKind, attributes: ExpressionAttributes): ConditionNode {
  const stream = new TokenStream(source, kind);
  if (stream.peek().kind === 'eof') throw stream.error('The expression can not be empty;');
  const tree = or(stream, attributes);
  if (stream.peek().kind !== 'eof') throw stream.unexpected();
  stream.throwDeferred();
  return tree;
}
