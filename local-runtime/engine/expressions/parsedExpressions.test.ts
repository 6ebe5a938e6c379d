import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ordersEngine } from '../testing/ordersEngine';
import { parseRequestExpressions } from '../operations/requestExpressions';
import { ExpressionAttributes } from './ExpressionAttributes';
import { parseUpdate } from './parseUpdate';
import type { Engine } from '../Engine';

/**
 * A reused expression must behave exactly like a freshly parsed one: its own values, its own names, and the
 * parser's errors (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeNames.html,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeValues.html).
 */
const KEY = { PK: { S: 'o#1' }, SK: { S: 'meta' } };
const update = (engine: Engine, expression: string, names: Record<string, string> | undefined, values: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}) =>
  engine.execute('UpdateItem', {
    TableName: 'orders',
    Key: KEY,
    UpdateExpression: expression,
    ...(names && { ExpressionAttributeNames: names }),
    ...(values && { ExpressionAttributeValues: values }),
    ReturnValues: 'ALL_NEW',
    ...extra,
  });

describe('reused expression trees', () => {
  it('give each request its own values', async () => {
    const engine = await ordersEngine();
    await update(engine, 'SET cachedA = :v ADD cachedN :n', undefined, { ':v': { S: 'first' }, ':n': { N: '2' } });
    const second = await update(engine, 'SET cachedA = :v ADD cachedN :n', undefined, { ':v': { S: 'second' }, ':n': { N: '5' } });
    expect(second.Attributes).toMatchObject({ cachedA: { S: 'second' }, cachedN: { N: '7' } });
  });

  it('resolve #names per request: the same text can write different attributes', async () => {
    const engine = await ordersEngine();
    await update(engine, 'SET #cachedField = :v', { '#cachedField': 'left' }, { ':v': { N: '1' } });
    const second = await update(engine, 'SET #cachedField = :v', { '#cachedField': 'right' }, { ':v': { N: '2' } });
    expect(second.Attributes).toMatchObject({ left: { N: '1' }, right: { N: '2' } });
  });

  it('tell apart name lists that would run together (a name containing the separator of another)', async () => {
    const engine = await ordersEngine();
    const expression = 'SET #cachedJ = :a, #cachedK = :b';
    await update(engine, expression, { '#cachedJ': 'a\u0000b', '#cachedK': 'c' }, { ':a': { N: '1' }, ':b': { N: '2' } });
    const second = await update(engine, expression, { '#cachedJ': 'a', '#cachedK': 'b\u0000c' }, { ':a': { N: '3' }, ':b': { N: '4' } });
    expect(second.Attributes).toMatchObject({ a: { N: '3' }, 'b\u0000c': { N: '4' } });
  });

  it('still find overlapping paths when names that differed before now resolve to one attribute', async () => {
    const engine = await ordersEngine();
    const expression = 'SET #cachedP = :a, #cachedQ = :b';
    await update(engine, expression, { '#cachedP': 'x', '#cachedQ': 'y' }, { ':a': { N: '1' }, ':b': { N: '2' } });
    await expect(update(engine, expression, { '#cachedP': 'x', '#cachedQ': 'x' }, { ':a': { N: '1' }, ':b': { N: '2' } })).rejects.toThrow(
      // The same path twice overlaps (ScyllaDB's alternator test_projection_expression.py records AWS's text for `a, a`).
      'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [x], path two: [x]',
    );
  });

  it('report a value the request leaves undefined as the parser does', async () => {
    const engine = await ordersEngine();
    await update(engine, 'SET cachedB = :v', undefined, { ':v': { N: '1' } });
    await expect(update(engine, 'SET cachedB = :v', undefined, { ':w': { N: '1' } })).rejects.toThrow(
      'Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :v',
    );
  });

  it('report a #name the request leaves undefined as the parser does', async () => {
    const engine = await ordersEngine();
    await update(engine, 'SET #cachedC = :v', { '#cachedC': 'c' }, { ':v': { N: '1' } });
    await expect(update(engine, 'SET #cachedC = :v', undefined, { ':v': { N: '1' } })).rejects.toThrow(
      'Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #cachedC',
    );
  });

  it('still report unused names and values', async () => {
    const engine = await ordersEngine();
    await update(engine, 'SET cachedD = :v', undefined, { ':v': { N: '1' } });
    await expect(update(engine, 'SET cachedD = :v', { '#unused': 'u' }, { ':v': { N: '1' } })).rejects.toThrow(
      'Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}',
    );
    await expect(update(engine, 'SET cachedD = :v', undefined, { ':v': { N: '1' }, ':extra': { N: '2' } })).rejects.toThrow(
      'Value provided in ExpressionAttributeValues unused in expressions: keys: {:extra}',
    );
  });

  it('evaluate conditions with the current request values', async () => {
    const engine = await ordersEngine();
    await update(engine, 'SET cachedE = :v', undefined, { ':v': { N: '1' } });
    const condition = { ConditionExpression: 'cachedE = :expected' };
    await expect(update(engine, 'SET cachedE = :v', undefined, { ':v': { N: '2' }, ':expected': { N: '1' } }, condition)).resolves.toBeDefined();
    await expect(update(engine, 'SET cachedE = :v', undefined, { ':v': { N: '3' }, ':expected': { N: '1' } }, condition)).rejects.toMatchObject({
      type: 'ConditionalCheckFailedException',
    });
  });

  it('equal fresh parses, request after request: trees and errors (property)', () => {
    const placeholderNames = ['#p', '#q'];
    const request = fc.record({
      template: fc.constantFrom('SET #p = :x, #q = :y', 'SET #p = #q + :x REMOVE c', 'SET #p = if_not_exists(#p, :x) ADD #q :y', 'SET #p = #q - :x'),
      names: fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.constantFrom('a', 'b', 'c')),
      x: fc.integer(),
      y: fc.integer(),
      dropY: fc.boolean(),
    });
    const run = (parse: () => unknown) => {
      try {
        return { tree: parse() };
      } catch (error) {
        return { error: (error as Error).message };
      }
    };
    fc.assert(
      fc.property(fc.array(request, { minLength: 2, maxLength: 8 }), (requests) => {
        for (const r of requests) {
          const names = Object.fromEntries(placeholderNames.filter((p) => r.template.includes(p)).map((p, i) => [p, r.names[i] as string]));
          const values = Object.fromEntries(([[':x', { N: String(r.x) }], [':y', { N: String(r.y) }]] as const).filter(([p]) => r.template.includes(p) && !(r.dropY && p === ':y')));
          const fresh = run(() => {
            const attributes = new ExpressionAttributes(names, values);
            const tree = parseUpdate(r.template, attributes);
            attributes.assertAllUsed();
            return tree;
          });
          const viaTemplates = () => run(() => parseRequestExpressions({ UpdateExpression: r.template, ExpressionAttributeNames: names, ExpressionAttributeValues: values }, ['UpdateExpression']).update);
          expect(viaTemplates()).toEqual(fresh);
          expect(viaTemplates()).toEqual(fresh);
        }
      }),
      { numRuns: 200 },
    );
  });
});
