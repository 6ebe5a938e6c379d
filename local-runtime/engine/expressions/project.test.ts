import { describe, expect, it } from 'vitest';
import { ExpressionAttributes } from './ExpressionAttributes';
import { parseProjection } from './parseProjection';
import { projectItem } from './project';

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ProjectionExpressions.html
describe('projectItem', () => {
  it('keeps top-level, nested and list-element paths, compacting selected list elements', () => {
    const item = { a: { S: '1' }, b: { S: '2' }, m: { M: { x: { N: '1' }, y: { N: '2' } } }, l: { L: [{ S: 'p' }, { S: 'q' }, { S: 'r' }] } };
    const projection = parseProjection('a, m.y, l[2], l[0], absent', new ExpressionAttributes(undefined, undefined));
    expect(projectItem(item, projection.paths)).toEqual({ a: { S: '1' }, m: { M: { y: { N: '2' } } }, l: { L: [{ S: 'p' }, { S: 'r' }] } });
  });
});
