import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../Engine';
import type { ConsistencyOptions } from './ConsistencyModel';

const S = (value: string) => ({ S: value });
const N = (value: number) => ({ N: String(value) });

async function engineWith(consistency: ConsistencyOptions | undefined) {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1));
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock, ...(consistency && { consistency }) });
  await engine.execute('CreateTable', {
    TableName: 'items',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'PK', AttributeType: 'S' },
      { AttributeName: 'G', AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [{ IndexName: 'ByG', KeySchema: [{ AttributeName: 'G', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
  });
  const put = (pk: string, v: number) => engine.execute('PutItem', { TableName: 'items', Item: { PK: S(pk), G: S('g'), v: N(v) } });
  const get = async (pk: string, ConsistentRead: boolean) => {
    const out = await engine.execute('GetItem', { TableName: 'items', Key: { PK: S(pk) }, ConsistentRead });
    return (out.Item as { v?: { N: string } } | undefined)?.v?.N;
  };
  const gsiCount = async () => (await engine.execute('Query', { TableName: 'items', IndexName: 'ByG', KeyConditionExpression: 'G = :g', ExpressionAttributeValues: { ':g': S('g') } })).Count;
  return { engine, clock, put, get, gsiCount };
}

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.ReadConsistency.html
describe('eventually consistent reads', () => {
  it('may see the state before a write until the lag has passed; strongly consistent reads see it at once', async () => {
    const { clock, put, get } = await engineWith({ readLag: 1000, seed: 7 });
    await put('a', 1);
    expect(await get('a', true)).toBe('1');
    clock.advance(1000);
    expect(await get('a', false)).toBe('1');
    await put('a', 2);
    expect(await get('a', true)).toBe('2');
    const seen = await get('a', false);
    expect(['1', '2']).toContain(seen);
    clock.advance(1000);
    expect(await get('a', false)).toBe('2');
  });

  it('is deterministic: the same seed and clock give the same stale reads, another seed may not', async () => {
    const run = async (seed: number) => {
      const { clock, put, get } = await engineWith({ readLag: 100, seed });
      const seen: (string | undefined)[] = [];
      for (let i = 0; i < 40; i++) {
        await put('a', i);
        clock.advance(10);
        seen.push(await get('a', false));
      }
      return seen;
    };
    const first = await run(42);
    expect(await run(42)).toEqual(first);
    // With a 100 ms lag and 10 ms steps, some reads are stale.
    expect(first.some((v, i) => v !== String(i))).toBe(true);
  });

  it('applies to Scan and BatchGetItem without ConsistentRead, and not with it', async () => {
    const { engine, clock, put } = await engineWith({ readLag: 500, seed: 3 });
    await put('a', 1);
    // Seed 3 gives this write a delay above 0 ms: at once only the consistent reads see it.
    expect((await engine.execute('Scan', { TableName: 'items', ConsistentRead: true })).Count).toBe(1);
    const batch = await engine.execute('BatchGetItem', { RequestItems: { items: { Keys: [{ PK: S('a') }], ConsistentRead: true } } });
    expect((batch.Responses as Record<string, unknown[]>).items).toHaveLength(1);
    expect((await engine.execute('Scan', { TableName: 'items' })).Count).toBe(0);
    clock.advance(500);
    expect((await engine.execute('Scan', { TableName: 'items' })).Count).toBe(1);
  });

  it('is off by default: every read sees every write at once', async () => {
    const { engine, put, get, gsiCount } = await engineWith(undefined);
    await put('a', 1);
    expect(await get('a', false)).toBe('1');
    expect(await gsiCount()).toBe(1);
    expect(engine.consistency).toBeUndefined();
  });
});

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.Writes
describe('GSI propagation', () => {
  it('a GSI query sees a table write only after the propagation delay', async () => {
    const { clock, put, get, gsiCount } = await engineWith({ gsiLag: 2000, seed: 5 });
    await put('a', 1);
    expect(await get('a', false)).toBe('1'); // no read lag: the table itself is current
    // Seed 5 gives this write a propagation delay of 1,380 ms (of at most 2,000).
    expect(await gsiCount()).toBe(0);
    clock.advance(1379);
    expect(await gsiCount()).toBe(0);
    clock.advance(1);
    expect(await gsiCount()).toBe(1);
  });

  it('TransactGetItems reads the table itself', async () => {
    const { engine, put } = await engineWith({ readLag: 10_000, gsiLag: 10_000 });
    await put('a', 1);
    const out = await engine.execute('TransactGetItems', { TransactItems: [{ Get: { TableName: 'items', Key: { PK: S('a') } } }] });
    expect(out.Responses).toEqual([{ Item: { PK: S('a'), G: S('g'), v: N(1) } }]);
  });
});

type Step = { op: 'put'; pk: string; v: number } | { op: 'delete'; pk: string } | { op: 'advance'; ms: number } | { op: 'read'; pk: string };
const pkArb = fc.constantFrom('a', 'b', 'c');
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('put' as const), pk: pkArb, v: fc.integer({ min: 0, max: 99 }) }),
  fc.record({ op: fc.constant('delete' as const), pk: pkArb }),
  fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 400 }) }),
  fc.record({ op: fc.constant('read' as const), pk: pkArb }),
);

describe('property', () => {
  it('strongly consistent reads never see stale data, and eventual reads see a value the item had within the lag', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 }), fc.integer(), fc.array(stepArb, { maxLength: 60 }), async (readLag, gsiLag, seed, steps) => {
        const { engine, clock, get } = await engineWith({ readLag, gsiLag, seed });
        const model = new Map<string, string>();
        // Every value each key had, with the time it stopped being current (Infinity while current).
        const history = new Map<string, { v: string | undefined; until: number }[]>();
        const set = (pk: string, v: string | undefined) => {
          const past = history.get(pk) ?? [{ v: undefined, until: Number.POSITIVE_INFINITY }];
          (past[past.length - 1] as { until: number }).until = clock.now();
          past.push({ v, until: Number.POSITIVE_INFINITY });
          history.set(pk, past);
          if (v === undefined) model.delete(pk);
          else model.set(pk, v);
        };
        for (const step of steps) {
          if (step.op === 'put') {
            await engine.execute('PutItem', { TableName: 'items', Item: { PK: S(step.pk), G: S('g'), v: N(step.v) } });
            set(step.pk, String(step.v));
          } else if (step.op === 'delete') {
            await engine.execute('DeleteItem', { TableName: 'items', Key: { PK: S(step.pk) } });
            set(step.pk, undefined);
          } else if (step.op === 'advance') clock.advance(step.ms);
          else {
            expect(await get(step.pk, true)).toBe(model.get(step.pk));
            const eventual = await get(step.pk, false);
            const past = history.get(step.pk) ?? [{ v: undefined, until: Number.POSITIVE_INFINITY }];
            const recent = past.filter((h) => h.until >= clock.now() - readLag).map((h) => h.v);
            expect(recent).toContain(eventual);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
