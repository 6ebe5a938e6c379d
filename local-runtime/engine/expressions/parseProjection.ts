import { parsePath } from './parseOperand';
import { TokenStream } from './TokenStream';
import { checkPathConflicts } from './pathConflicts';
import type { ProjectionNode } from './ast';
import type { ExpressionAttributes } from './ExpressionAttributes';

/** Parse a ProjectionExpression: comma-separated document paths. */
export function parseProjection(source: string, attributes: ExpressionAttributes): ProjectionNode {
  const stream = new TokenStream(source, 'ProjectionExpression');
  if (stream.peek().kind === 'eof') throw stream.error('The expression can not be empty;');
  const paths = [parsePath(stream, attributes)];
  while (stream.accept(',')) paths.push(parsePath(stream, attributes));
  if (stream.peek().kind !== 'eof') throw stream.unexpected();
  stream.throwDeferred();
  checkPathConflicts(stream, paths);
  return { paths };
}
