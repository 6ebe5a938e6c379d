import { CONDITION_FUNCTIONS, checkArity, parseArguments, parseOperand } from './parseOperand';
import { TokenStream } from './TokenStream';
import type { Comparator, ConditionFunction, ConditionNode, OperandNode } from './ast';
import type { ExpressionAttributes } from './ExpressionAttributes';
import type { ExpressionKind } from './TokenStream';

const COMPARATORS = new Set<string>(['=', '<>', '<', '<=', '>', '>=']);
const ARITY: Record<ConditionFunction, number> = { attribute_exists: 1, attribute_not_exists: 1, attribute_type: 2, begins_with: 2, contains: 2 };
const PATH_FIRST = new Set(['attribute_exists', 'attribute_not_exists', 'attribute_type']);

function functionCondition(stream: TokenStream, attributes: ExpressionAttributes): ConditionNode {
  const name = stream.next().text as ConditionFunction;
  const args = parseArguments(stream, attributes, 'condition');
  checkArity(stream, name, args, ARITY[name]);
  if (PATH_FIRST.has(name) && (args[0] as OperandNode).type !== 'path') {
    throw stream.error(`Operator or function requires a document path; operator or function: ${name}`);
  }
  return { type: 'function', name, args };
}

function primary(stream: TokenStream, attributes: ExpressionAttributes): ConditionNode {
  if (stream.accept('(')) {
    const inner = or(stream, attributes);
    stream.expect(')');
    return inner;
  }
  const token = stream.peek();
  if (token.kind === 'identifier' && CONDITION_FUNCTIONS.has(token.text) && stream.peek(1).text === '(') return functionCondition(stream, attributes);
  const operand = parseOperand(stream, attributes, 'condition');
  const next = stream.peek();
  if (next.kind === 'symbol' && COMPARATORS.has(next.text)) {
    stream.next();
    return { type: 'compare', operator: next.text as Comparator, left: operand, right: parseOperand(stream, attributes, 'condition') };
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
  throw stream.unexpected();
}

function not(stream: TokenStream, attributes: ExpressionAttributes): ConditionNode {
  if (stream.accept('NOT')) return { type: 'not', operand: not(stream, attributes) };
  return primary(stream, attributes);
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
  return tree;
}
