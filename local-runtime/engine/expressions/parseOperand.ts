import { RESERVED_WORDS } from './reservedWords';
import type { ExpressionAttributes } from './ExpressionAttributes';
import type { OperandNode, PathElement, PathNode, ValueNode } from './ast';
import type { TokenStream } from './TokenStream';
import { MAX_PATH_DEPTH } from './pathConflicts';

/**
 * Nodes a parser returned straight from one pair of parentheses. A pair whose content is itself such a node is
 * redundant (`((a))`, `((a = b))`), which AWS rejects (dynalite's test/scan.js, "redundant parentheses").
 */
export const PARENTHESIZED = new WeakSet<object>();

/** Stand-ins for function calls refused with a deferred error (they may stand alone as a condition). */
export const REFUSED_CALLS = new WeakSet<object>();

/** Functions usable as conditions (not as operands). */
export const CONDITION_FUNCTIONS = new Set(['attribute_exists', 'attribute_not_exists', 'attribute_type', 'begins_with', 'contains']);
const UPDATE_FUNCTIONS = new Set(['if_not_exists', 'list_append']);
const ALL_FUNCTIONS = new Set([...CONDITION_FUNCTIONS, ...UPDATE_FUNCTIONS, 'size']);

/** Where an operand appears: condition-like expressions allow `size()`, update `SET` allows if_not_exists/list_append. */
export type OperandMode = 'condition' | 'update';

function pathStart(stream: TokenStream, attributes: ExpressionAttributes): string {
  const token = stream.next();
  if (token.kind === 'name') return attributes.name(token.text, stream);
  if (token.kind === 'identifier') {
    if (RESERVED_WORDS.has(token.text.toUpperCase())) stream.defer(stream.error(`Attribute name is a reserved keyword; reserved keyword: ${token.text}`), 3);
    return token.text;
  }
  throw stream.unexpected(token);
}

/** `name ( '.' name | '[' digits ']' )*` with `#placeholders` resolved. */
export function parsePath(stream: TokenStream, attributes: ExpressionAttributes): PathNode {
  const elements: PathElement[] = [{ kind: 'name', name: pathStart(stream, attributes) }];
  for (;;) {
    if (stream.accept('.')) {
      elements.push({ kind: 'name', name: pathStart(stream, attributes) });
    } else if (stream.accept('[')) {
      const index = stream.next();
      if (index.kind !== 'number') throw stream.unexpected(index);
      elements.push({ kind: 'index', index: Number(index.text) });
      stream.expect(']');
    } else {
      if (elements.length > MAX_PATH_DEPTH) throw stream.error(`The document path has too many nesting levels; nesting levels: ${elements.length}`);
      return { type: 'path', elements };
    }
  }
}

function parseValue(stream: TokenStream, attributes: ExpressionAttributes): ValueNode {
  const token = stream.next();
  if (token.kind !== 'value') throw stream.unexpected(token);
  return { type: 'value', placeholder: token.text, value: attributes.value(token.text, stream) };
}

function requirePath(stream: TokenStream, name: string, operand: OperandNode): PathNode {
  if (operand.type !== 'path') throw stream.error(`Operator or function requires a document path; operator or function: ${name}`);
  return operand;
}

/** Arguments of a function call, after its name: `( operand (, operand)* )`. */
export function parseArguments(stream: TokenStream, attributes: ExpressionAttributes, mode: OperandMode): OperandNode[] {
  stream.expect('(');
  stream.enter();
  const args = [parseOperand(stream, attributes, mode)];
  while (stream.accept(',')) args.push(parseOperand(stream, attributes, mode));
  stream.expect(')');
  stream.leave();
  return args;
}

/** Check a function's operand count with AWS's message. */
export function checkArity(stream: TokenStream, name: string, args: OperandNode[], count: number): void {
  if (args.length !== count) {
    throw stream.error(`Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${args.length}`);
  }
}

const OPERAND_FUNCTIONS: Record<string, { mode: OperandMode; build: (stream: TokenStream, args: OperandNode[]) => OperandNode }> = {
  size: {
    mode: 'condition',
    build: (stream, args) => {
      checkArity(stream, 'size', args, 1);
      const target = args[0] as OperandNode;
      // size() answers a number, which has no size; other functions were refused as arguments already.
      if (target.type !== 'path' && target.type !== 'value') throw stream.error('Incorrect operand type for operator or function; operator or function: size, operand type: N');
      return { type: 'size', target };
    },
  },
  if_not_exists: {
    mode: 'update',
    build: (stream, args) => {
      checkArity(stream, 'if_not_exists', args, 2);
      return { type: 'if_not_exists', path: requirePath(stream, 'if_not_exists', args[0] as OperandNode), fallback: args[1] as OperandNode };
    },
  },
  list_append: {
    mode: 'update',
    build: (stream, args) => {
      checkArity(stream, 'list_append', args, 2);
      return { type: 'list_append', left: args[0] as OperandNode, right: args[1] as OperandNode };
    },
  },
};

/** One operand: a path, a `:value`, or a function producing a value. */
export function parseOperand(stream: TokenStream, attributes: ExpressionAttributes, mode: OperandMode): OperandNode {
  const token = stream.peek();
  if (token.kind === 'value') return parseValue(stream, attributes);
  if (mode === 'condition' && token.kind === 'symbol' && token.text === '(') return parenthesizedOperand(stream, attributes);
  if (token.kind === 'identifier' && stream.peek(1).text === '(') {
    const fn = OPERAND_FUNCTIONS[token.text];
    if (!fn || fn.mode !== mode) {
      // Reported once the whole text has parsed (a syntax error or redundant parentheses rank above these).
      if (!ALL_FUNCTIONS.has(token.text)) stream.defer(stream.error(`Invalid function name; function: ${token.text}`), 1);
      else {
        const where = mode === 'update' ? 'The function is not allowed in an update expression' : 'The function is not allowed to be used this way in an expression';
        stream.defer(stream.error(`${where}; function: ${token.text}`), 2);
      }
      stream.next();
      parseArguments(stream, attributes, mode);
      // Never evaluated: the deferred error is thrown when the parse ends.
      const stand: PathNode = { type: 'path', elements: [{ kind: 'name', name: token.text }] };
      REFUSED_CALLS.add(stand);
      return stand;
    }
    stream.next();
    return fn.build(stream, parseArguments(stream, attributes, mode));
  }
  return parsePath(stream, attributes);
}

/** `( operand )` in a condition; `((operand))` is redundant. */
function parenthesizedOperand(stream: TokenStream, attributes: ExpressionAttributes): OperandNode {
  stream.expect('(');
  stream.enter();
  const inner = parseOperand(stream, attributes, 'condition');
  stream.expect(')');
  stream.leave();
  if (PARENTHESIZED.has(inner)) throw stream.error('The expression has redundant parentheses;');
  // A copy, so a node that is itself in parentheses stays told apart from the same node once more in parentheses.
  const node = { ...inner } as OperandNode;
  PARENTHESIZED.add(node);
  return node;
}

/** A `:value` operand (ADD/DELETE take only values). */
export { parseValue };
