import { parseOperand, parsePath, parseValue } from './parseOperand';
import { TokenStream } from './TokenStream';
import { checkPathConflicts } from './pathConflicts';
import type { OperandNode, UpdateAction, UpdateNode } from './ast';
import type { ExpressionAttributes } from './ExpressionAttributes';

type Clause = UpdateAction['action'];

function setValue(stream: TokenStream, attributes: ExpressionAttributes): OperandNode {
  const left = parseOperand(stream, attributes, 'update');
  for (const operator of ['+', '-'] as const) {
    if (stream.accept(operator)) return { type: 'arithmetic', operator, left, right: parseOperand(stream, attributes, 'update') };
  }
  return left;
}

const ACTION_PARSERS: Record<Clause, (stream: TokenStream, attributes: ExpressionAttributes) => UpdateAction> = {
  SET: (stream, attributes) => {
    const path = parsePath(stream, attributes);
    stream.expect('=');
    return { action: 'SET', path, value: setValue(stream, attributes) };
  },
  REMOVE: (stream, attributes) => ({ action: 'REMOVE', path: parsePath(stream, attributes) }),
  ADD: (stream, attributes) => ({ action: 'ADD', path: parsePath(stream, attributes), value: parseValue(stream, attributes) }),
  DELETE: (stream, attributes) => ({ action: 'DELETE', path: parsePath(stream, attributes), value: parseValue(stream, attributes) }),
};


/**
 * Parse an UpdateExpression (`SET … REMOVE … ADD … DELETE …`) into its actions
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html).
 */
export function parseUpdate(source: string, attributes: ExpressionAttributes): UpdateNode {
  const stream = new TokenStream(source, 'UpdateExpression');
  if (stream.peek().kind === 'eof') throw stream.error('The expression can not be empty;');
  const seen = new Set<Clause>();
  const actions: UpdateAction[] = [];
  while (stream.peek().kind !== 'eof') {
    const keyword = stream.peek();
    const clause = keyword.text.toUpperCase() as Clause;
    if (keyword.kind !== 'identifier' || !(clause in ACTION_PARSERS)) throw stream.unexpected();
    if (seen.has(clause)) throw stream.error(`The "${clause}" section can only be used once in an update expression;`);
    seen.add(clause);
    stream.next();
    do actions.push(ACTION_PARSERS[clause](stream, attributes));
    while (stream.accept(','));
  }
  stream.throwDeferred();
  checkPathConflicts(stream, actions.map((a) => a.path));
  return { actions };
}
