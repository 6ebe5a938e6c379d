import { describe, expect, it } from 'vitest';
import { ordersEngine } from '../testing/ordersEngine';
import type { Engine } from '../Engine';

async function seed(engine: Engine): Promise<void> {
  const rows: [string, string, number][] = [
    ['o#1', 'line#10', 5],
    ['o#1', 'line#02', 30],
    ['o#1', 'line#01', 20],
    ['o#1', 'meta', 10],
    ['o#2', 'line#01', 40],
  ];
  for (const [pk, sk, n] of rows) {
    await engine.execute('PutItem', {
      TableName: 'orders',
      Item: { PK: { S: pk }, SK: { S: sk }, n: { N: String(n) }, createdAt: { N: String(100 - n) }, GSI1PK: { S: 'all' }, GSI1SK: { N: String(n) } },
    });
  }
}

const sks = (out: Record<string, unknown>): string[] => ((out.Items ?? []) as { SK: { S: string } }[]).map((i) => i.SK.S);

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.html
describe('Query', () => {
  it('reads one partition in sort-key order, with range conditions', async () => {
    const engine = await ordersEngine();
    await seed(engine);
    const base = { TableName: 'orders', ExpressionAttributeValues: { ':pk': { S: 'o#1' }, ':a': { S: 'line#02' }, ':b': { S: 'line#10' } } };
    expect(sks(await engine.execute('Query', { ...base, KeyConditionExpression: 'PK = :pk AND SK BETWEEN :a AND :b' }))).toEqual(['line#02', 'line#10']);
    expect(sks(await engine.execute('Query', { ...base, KeyConditionExpression: 'PK = :pk AND SK > :a', ExpressionAttributeValues: { ':pk': { S: 'o#1' }, ':a': { S: 'line#02' } } }))).toEqual(['line#10', 'meta']);
    expect(sks(await engine.execute('Query', { TableName: 'orders', KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': { S: 'o#1' } }, ScanIndexForward: false }))).toEqual([
      'meta',
      'line#10',
      'line#02',
      'line#01',
    ]);
  });

  it('counts Limit before the filter and pages with LastEvaluatedKey', async () => {
    const engine = await ordersEngine();
    await seed(engine);
    const input = { TableName: 'orders', KeyConditionExpression: 'PK = :pk', FilterExpression: 'n >= :min', ExpressionAttributeValues: { ':pk': { S: 'o#1' }, ':min': { N: '20' } }, Limit: 2 };
    const first = await engine.execute('Query', input);
    expect(first).toMatchObject({ Count: 2, ScannedCount: 2, LastEvaluatedKey: { PK: { S: 'o#1' }, SK: { S: 'line#02' } } });
    const second = await engine.execute('Query', { ...input, ExclusiveStartKey: first.LastEvaluatedKey });
    expect(second).toMatchObject({ Count: 0, ScannedCount: 2, LastEvaluatedKey: { SK: { S: 'meta' } } });
    const third = await engine.execute('Query', { ...input, ExclusiveStartKey: second.LastEvaluatedKey });
    expect(third).toEqual({ Count: 0, ScannedCount: 0, Items: [] });
  });

  it('queries a GSI (numeric order) and an LSI, with index keys in LastEvaluatedKey', async () => {
    const engine = await ordersEngine();
    await seed(engine);
    const gsi = await engine.execute('Query', { TableName: 'orders', IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :all', ExpressionAttributeValues: { ':all': { S: 'all' } }, Limit: 3 });
    expect(((gsi.Items as { n: { N: string } }[]) ?? []).map((i) => i.n.N)).toEqual(['5', '10', '20']);
    expect(gsi.LastEvaluatedKey).toEqual({ PK: { S: 'o#1' }, SK: { S: 'line#01' }, GSI1PK: { S: 'all' }, GSI1SK: { N: '20' } });
    const lsi = await engine.execute('Query', { TableName: 'orders', IndexName: 'ByCreatedAt', KeyConditionExpression: 'PK = :pk AND createdAt < :t', ExpressionAttributeValues: { ':pk': { S: 'o#1' }, ':t': { N: '85' } } });
    expect(lsi.Items).toEqual([
      { PK: { S: 'o#1' }, SK: { S: 'line#02' }, createdAt: { N: '70' } },
      { PK: { S: 'o#1' }, SK: { S: 'line#01' }, createdAt: { N: '80' } },
    ]);
  });

  it('supports Select COUNT and ProjectionExpression', async () => {
    const engine = await ordersEngine();
    await seed(engine);
    expect(await engine.execute('Query', { TableName: 'orders', KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': { S: 'o#1' } }, Select: 'COUNT' })).toEqual({ Count: 4, ScannedCount: 4 });
    const projected = await engine.execute('Query', { TableName: 'orders', KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': { S: 'o#2' } }, ProjectionExpression: 'n' });
    expect(projected.Items).toEqual([{ n: { N: '40' } }]);
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html
  it('rejects key conditions DynamoDB does not allow', async () => {
    const engine = await ordersEngine();
    const q = (expr: string, values: Record<string, unknown>) => engine.execute('Query', { TableName: 'orders', KeyConditionExpression: expr, ExpressionAttributeValues: values });
    await expect(q('SK = :s', { ':s': { S: 'x' } })).rejects.toMatchObject({ message: 'Query condition missed key schema element: PK' });
    await expect(q('PK = :p OR SK = :s', { ':p': { S: 'x' }, ':s': { S: 'x' } })).rejects.toMatchObject({ message: 'Invalid operator used in KeyConditionExpression: OR' });
    await expect(q('PK > :p', { ':p': { S: 'x' } })).rejects.toMatchObject({ message: 'Query key condition not supported' });
    await expect(q('PK = :p', { ':p': { N: '1' } })).rejects.toMatchObject({ message: 'One or more parameter values were invalid: Condition parameter type does not match schema type' });
    await expect(engine.execute('Query', { TableName: 'orders', IndexName: 'Nope', KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': { S: 'x' } } })).rejects.toMatchObject({
      message: 'The table does not have the specified index: Nope',
    });
  });
});

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html
describe('Scan', () => {
  it('reads every item with a filter and pages through with Limit', async () => {
    const engine = await ordersEngine();
    await seed(engine);
    const all = await engine.execute('Scan', { TableName: 'orders', FilterExpression: 'n > :x', ExpressionAttributeValues: { ':x': { N: '15' } } });
    expect(all).toMatchObject({ Count: 3, ScannedCount: 5 });
    const seen: string[] = [];
    let start: unknown;
    do {
      const page: Record<string, unknown> = await engine.execute('Scan', { TableName: 'orders', Limit: 2, ...(start ? { ExclusiveStartKey: start } : {}) });
      seen.push(...((page.Items as { PK: { S: string }; SK: { S: string } }[]) ?? []).map((i) => `${i.PK.S}/${i.SK.S}`));
      start = page.LastEvaluatedKey;
    } while (start);
    expect(seen.sort()).toEqual(['o#1/line#01', 'o#1/line#02', 'o#1/line#10', 'o#1/meta', 'o#2/line#01']);
  });

  it('splits items across parallel scan segments without overlap', async () => {
    const engine = await ordersEngine();
    await seed(engine);
    const counts = await Promise.all([0, 1, 2].map(async (Segment) => ((await engine.execute('Scan', { TableName: 'orders', Segment, TotalSegments: 3 })).Count as number)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5);
  });
});

describe('Query key conditions (property)', () => {
  it('returns exactly the items a brute-force filter selects, in order, in both directions', async () => {
    const { default: fc } = await import('fast-check');
    const { VirtualClock } = await import('../../clock/Clock');
    const { Engine } = await import('../Engine');
    type Op = '=' | '<' | '<=' | '>' | '>=' | 'BETWEEN';
    const reference: Record<Op, (x: number, a: number, b: number) => boolean> = {
      '=': (x, a) => x === a,
      '<': (x, a) => x < a,
      '<=': (x, a) => x <= a,
      '>': (x, a) => x > a,
      '>=': (x, a) => x >= a,
      BETWEEN: (x, a, b) => x >= a && x <= b,
    };
    await fc.assert(
      fc.asyncProperty(
        // Bounds are drawn from the stored keys half the time, so boundary cases (equal keys) are common.
        fc
          .uniqueArray(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 30 })
          .chain((keys) => {
            const bound = fc.oneof(fc.constantFrom(...keys), fc.integer({ min: -60, max: 60 }));
            return fc.tuple(fc.constant(keys), bound, bound);
          }),
        fc.constantFrom<Op>('=', '<', '<=', '>', '>=', 'BETWEEN'),
        fc.boolean(),
        async ([keys, x, y], op, forward) => {
          const [a, width] = [Math.min(x, y), Math.abs(x - y)];
          const engine = new Engine({ region: 'us-east-1', accountId: '0', clock: new VirtualClock() });
          await engine.execute('CreateTable', {
            TableName: 'nums',
            BillingMode: 'PAY_PER_REQUEST',
            AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }, { AttributeName: 's', AttributeType: 'N' }],
            KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }, { AttributeName: 's', KeyType: 'RANGE' }],
          });
          for (const k of keys) await engine.execute('PutItem', { TableName: 'nums', Item: { p: { S: 'x' }, s: { N: String(k) } } });
          const b = a + width;
          const condition = op === 'BETWEEN' ? 'p = :p AND s BETWEEN :a AND :b' : `p = :p AND s ${op} :a`;
          const values: Record<string, unknown> = { ':p': { S: 'x' }, ':a': { N: String(a) }, ...(op === 'BETWEEN' ? { ':b': { N: String(b) } } : {}) };
          const out = await engine.execute('Query', { TableName: 'nums', KeyConditionExpression: condition, ExpressionAttributeValues: values, ScanIndexForward: forward });
          const got = ((out.Items ?? []) as { s: { N: string } }[]).map((i) => Number(i.s.N));
          const expected = [...keys].filter((x) => reference[op](x, a, b)).sort((x, y) => (forward ? x - y : y - x));
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});
