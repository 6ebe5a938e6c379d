import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ordersEngine } from '../testing/ordersEngine';
import type { Engine } from '../Engine';

type Item = Record<string, { S: string } | { N: string }>;
type Command =
  | { op: 'put'; pk: string; sk: string; v: number; onlyIfAbsent: boolean }
  | { op: 'update'; pk: string; sk: string; delta: number }
  | { op: 'delete'; pk: string; sk: string }
  | { op: 'get'; pk: string; sk: string }
  | { op: 'query'; pk: string; forward: boolean }
  | { op: 'batchPut'; pk: string; sks: string[]; v: number };

const pk = fc.constantFrom('a', 'b');
const sk = fc.constantFrom('1', '2', '10', 'x');
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ op: fc.constant('put' as const), pk, sk, v: fc.integer({ min: -5, max: 5 }), onlyIfAbsent: fc.boolean() }),
  fc.record({ op: fc.constant('update' as const), pk, sk, delta: fc.integer({ min: -5, max: 5 }) }),
  fc.record({ op: fc.constant('delete' as const), pk, sk }),
  fc.record({ op: fc.constant('get' as const), pk, sk }),
  fc.record({ op: fc.constant('query' as const), pk, forward: fc.boolean() }),
  fc.record({ op: fc.constant('batchPut' as const), pk, sks: fc.uniqueArray(sk, { minLength: 1, maxLength: 3 }), v: fc.integer({ min: 0, max: 9 }) }),
);

const keyOf = (p: string, s: string): Item => ({ PK: { S: p }, SK: { S: s } });
const id = (p: string, s: string): string => `${p}\u0000${s}`;
const item = (p: string, s: string, v: number): Item => ({ ...keyOf(p, s), v: { N: String(v) } });
/** Sort keys are strings: DynamoDB orders them by UTF-8 bytes, which for ASCII is code-unit order. */
const bySortKey = (a: Item, b: Item): number => ((a.SK as { S: string }).S < (b.SK as { S: string }).S ? -1 : 1);

/** Run one command against the engine and the reference model (a Map); return both observable results. */
async function step(engine: Engine, model: Map<string, Item>, c: Command): Promise<[unknown, unknown]> {
  const table = { TableName: 'orders' };
  switch (c.op) {
    case 'put': {
      const exists = model.has(id(c.pk, c.sk));
      const request = { ...table, Item: item(c.pk, c.sk, c.v), ReturnValues: 'ALL_OLD', ...(c.onlyIfAbsent ? { ConditionExpression: 'attribute_not_exists(PK)' } : {}) };
      const actual = await engine.execute('PutItem', request).catch((e: { type: string }) => e.type);
      if (c.onlyIfAbsent && exists) return [actual, 'ConditionalCheckFailedException'];
      const old = model.get(id(c.pk, c.sk));
      model.set(id(c.pk, c.sk), item(c.pk, c.sk, c.v));
      return [actual, old ? { Attributes: old } : {}];
    }
    case 'update': {
      const actual = await engine.execute('UpdateItem', {
        ...table,
        Key: keyOf(c.pk, c.sk),
        UpdateExpression: 'SET v = if_not_exists(v, :zero) + :d',
        ExpressionAttributeValues: { ':zero': { N: '0' }, ':d': { N: String(c.delta) } },
        ReturnValues: 'ALL_NEW',
      });
      const old = model.get(id(c.pk, c.sk));
      const next = item(c.pk, c.sk, Number((old?.v as { N: string } | undefined)?.N ?? 0) + c.delta);
      model.set(id(c.pk, c.sk), next);
      return [actual, { Attributes: next }];
    }
    case 'delete': {
      const actual = await engine.execute('DeleteItem', { ...table, Key: keyOf(c.pk, c.sk), ReturnValues: 'ALL_OLD' });
      const old = model.get(id(c.pk, c.sk));
      model.delete(id(c.pk, c.sk));
      return [actual, old ? { Attributes: old } : {}];
    }
    case 'get': {
      const actual = await engine.execute('GetItem', { ...table, Key: keyOf(c.pk, c.sk), ConsistentRead: true });
      const found = model.get(id(c.pk, c.sk));
      return [actual, found ? { Item: found } : {}];
    }
    case 'query': {
      const actual = await engine.execute('Query', {
        ...table,
        KeyConditionExpression: 'PK = :p',
        ExpressionAttributeValues: { ':p': { S: c.pk } },
        ScanIndexForward: c.forward,
      });
      const items = [...model.values()].filter((i) => (i.PK as { S: string }).S === c.pk).sort(bySortKey);
      if (!c.forward) items.reverse();
      return [actual, { Items: items, Count: items.length, ScannedCount: items.length }];
    }
    case 'batchPut': {
      const actual = await engine.execute('BatchWriteItem', { RequestItems: { orders: c.sks.map((s) => ({ PutRequest: { Item: item(c.pk, s, c.v) } })) } });
      for (const s of c.sks) model.set(id(c.pk, s), item(c.pk, s, c.v));
      return [actual, { UnprocessedItems: {} }];
    }
  }
}

// The engine against a reference model: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithItems.html
describe('engine vs reference model (fast-check)', () => {
  it('random Put/Update/Delete/Get/Query/BatchWrite sequences give the model results', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 40 }), async (commands) => {
        const engine = await ordersEngine();
        const model = new Map<string, Item>();
        for (const c of commands) {
          const [actual, expected] = await step(engine, model, c);
          expect(actual).toEqual(expected);
        }
      }),
      { numRuns: 150 },
    );
  });
});
