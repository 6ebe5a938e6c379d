import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import { Engine } from '../engine/Engine';
import { handleWireRequest } from './handleWireRequest';

// DynamoDB accepts any attribute name of 1 to 64 KB of UTF-8, so names that are members of Object.prototype
// (`__proto__`, `constructor`, `toString`, …) are ordinary attributes
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html).
// Requests go through handleWireRequest so the JSON path (JSON.parse makes `__proto__` an own member) is exercised.

type Json = Record<string, unknown>;

/** Names of Object.prototype members: an item or map object would inherit them (or, for `__proto__`, have its prototype set). */
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'] as const;

/** JSON of a value with each object's own keys sorted (own `__proto__` included), for order-free comparison. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'undefined';
  const record = value as Json;
  return `{${Object.keys(record)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`)
    .join(',')}}`;
}

/** An item's own attributes as sorted `[name, value]` pairs. */
const entries = (item: unknown): [string, unknown][] => Object.entries((item ?? {}) as Json).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function newEngine(): Engine {
  return new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock(Date.UTC(2026, 0, 1)), streams: { shardCount: 1 } });
}

/** One request through the wire; the reply's status must be `status` (never a 500). */
async function call(engine: Engine, operation: string, body: Json, status = 200): Promise<Json> {
  const prefix = ['DescribeStream', 'GetShardIterator', 'GetRecords'].includes(operation) ? 'DynamoDBStreams_20120810.' : 'DynamoDB_20120810.';
  const reply = await handleWireRequest(engine, { headers: { 'x-amz-target': prefix + operation }, body: JSON.stringify(body) });
  const text = typeof reply.body === 'string' ? reply.body : Buffer.from(reply.body).toString('utf8');
  expect({ status: reply.statusCode, text }).toMatchObject({ status });
  return JSON.parse(text) as Json;
}

async function withTable(keyName = 'pk'): Promise<Engine> {
  const engine = newEngine();
  await call(engine, 'CreateTable', {
    TableName: 'things',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: keyName, AttributeType: 'S' }],
    KeySchema: [{ AttributeName: keyName, KeyType: 'HASH' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
  return engine;
}

const get = async (engine: Engine, pk: string, extra: Json = {}): Promise<Json | undefined> =>
  (await call(engine, 'GetItem', { TableName: 'things', Key: { pk: { S: pk } }, ...extra })).Item as Json | undefined;

describe.each(PROTOTYPE_NAMES)('attribute named %s', (name) => {
  // Computed keys create own members, `__proto__` included; JSON.stringify sends them.
  const item = { pk: { S: 'a' }, [name]: { S: 'top' }, m: { M: { [name]: { N: '1' } } } };
  const names = { '#p': name };

  it('round-trips through PutItem and GetItem, at the top level and inside a map', async () => {
    const engine = await withTable();
    await call(engine, 'PutItem', { TableName: 'things', Item: item });
    expect(canonical(await get(engine, 'a'))).toBe(canonical(item));
    // In-process callers get plain objects whose attribute is an own data member.
    const direct = (await engine.execute('GetItem', { TableName: 'things', Key: { pk: { S: 'a' } } })).Item as Json;
    expect(Object.getPrototypeOf(direct)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(direct, name)?.value).toEqual({ S: 'top' });
  });

  it('is absent from an item that lacks it: GetItem, projection and size see no inherited member', async () => {
    const engine = await withTable();
    await call(engine, 'PutItem', { TableName: 'things', Item: { pk: { S: 'b' }, m: { M: {} } } });
    expect(entries(await get(engine, 'b'))).toEqual([['m', { M: {} }], ['pk', { S: 'b' }]]);
    const projected = await get(engine, 'b', { ProjectionExpression: '#p, m.#p', ExpressionAttributeNames: names });
    expect(entries(projected)).toEqual([]);
  });

  it('is set, added to and removed by UpdateItem, at the top level and inside a map', async () => {
    const engine = await withTable();
    await call(engine, 'PutItem', { TableName: 'things', Item: { pk: { S: 'a' }, m: { M: {} } } });
    const update = async (expression: string, values?: Json): Promise<Json> =>
      (
        await call(engine, 'UpdateItem', {
          TableName: 'things',
          Key: { pk: { S: 'a' } },
          UpdateExpression: expression,
          ExpressionAttributeNames: names,
          ...(values ? { ExpressionAttributeValues: values } : {}),
          ReturnValues: 'ALL_NEW',
        })
      ).Attributes as Json;
    expect(canonical(await update('SET #p = :v, m.#p = :v', { ':v': { S: 'x' } }))).toBe(canonical({ pk: { S: 'a' }, [name]: { S: 'x' }, m: { M: { [name]: { S: 'x' } } } }));
    expect(canonical(await update('REMOVE #p, m.#p'))).toBe(canonical({ pk: { S: 'a' }, m: { M: {} } }));
    // ADD on a missing attribute creates it (an inherited member would be read as a value of the wrong type).
    expect(canonical(await update('ADD #p :one', { ':one': { N: '1' } }))).toBe(canonical({ pk: { S: 'a' }, m: { M: {} }, [name]: { N: '1' } }));
    expect(canonical(await update('ADD #p :one', { ':one': { N: '1' } }))).toBe(canonical({ pk: { S: 'a' }, m: { M: {} }, [name]: { N: '2' } }));
    // if_not_exists and SET from a path also see only own members.
    expect(canonical(await update('REMOVE #p SET m.#p = if_not_exists(m.#p, :d)', { ':d': { S: 'fallback' } }))).toBe(
      canonical({ pk: { S: 'a' }, m: { M: { [name]: { S: 'fallback' } } } }),
    );
    await call(engine, 'UpdateItem', { TableName: 'things', Key: { pk: { S: 'a' } }, UpdateExpression: 'SET x = #p', ExpressionAttributeNames: names }, 400);
  });

  it('is set and removed by the legacy AttributeUpdates and checked by Expected', async () => {
    const engine = await withTable();
    const updates = (action: Json): Json => ({ TableName: 'things', Key: { pk: { S: 'a' } }, AttributeUpdates: { [name]: action }, ReturnValues: 'ALL_NEW' });
    await call(engine, 'UpdateItem', { ...updates({ Action: 'PUT', Value: { S: 'v' } }), Expected: { [name]: { Exists: false } } });
    expect(entries(await get(engine, 'a'))).toContainEqual([name, { S: 'v' }]);
    await call(engine, 'UpdateItem', { ...updates({ Action: 'DELETE' }), Expected: { [name]: { Value: { S: 'v' } } } });
    expect(entries(await get(engine, 'a'))).toEqual([['pk', { S: 'a' }]]);
    await call(engine, 'PutItem', { TableName: 'things', Item: { pk: { S: 'a' } }, Expected: { [name]: { Exists: true, Value: { S: 'v' } } } }, 400);
  });

  it('makes attribute_exists and attribute_not_exists hold exactly when the item has it', async () => {
    const engine = await withTable();
    await call(engine, 'PutItem', { TableName: 'things', Item: item });
    await call(engine, 'PutItem', { TableName: 'things', Item: { pk: { S: 'b' }, m: { M: {} } } });
    const put = (pk: string, condition: string, status: number): Promise<Json> =>
      call(engine, 'PutItem', { TableName: 'things', Item: { pk: { S: pk }, m: { M: {} } }, ConditionExpression: condition, ExpressionAttributeNames: names }, status);
    await put('b', 'attribute_exists(#p)', 400);
    await put('b', 'attribute_exists(m.#p)', 400);
    await put('b', 'attribute_not_exists(#p) AND attribute_not_exists(m.#p)', 200);
    await put('a', 'attribute_not_exists(#p)', 400);
    await put('a', 'attribute_not_exists(m.#p)', 400);
    await put('a', 'attribute_exists(#p) AND attribute_exists(m.#p)', 200);
  });

  it('filters a Query and a Scan by it', async () => {
    const engine = await withTable();
    await call(engine, 'PutItem', { TableName: 'things', Item: item });
    await call(engine, 'PutItem', { TableName: 'things', Item: { pk: { S: 'b' } } });
    for (const pk of ['a', 'b']) {
      const out = await call(engine, 'Query', {
        TableName: 'things',
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: 'attribute_exists(#p) AND size(#p) > :zero',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':pk': { S: pk }, ':zero': { N: '0' } },
      });
      expect(out.Count).toBe(pk === 'a' ? 1 : 0);
    }
    const scanned = await call(engine, 'Scan', { TableName: 'things', FilterExpression: 'attribute_not_exists(#p)', ExpressionAttributeNames: names });
    expect((scanned.Items as Json[]).map(entries)).toEqual([[['pk', { S: 'b' }]]]);
  });

  it('travels in NEW_AND_OLD_IMAGES stream records', async () => {
    const engine = await withTable();
    await call(engine, 'PutItem', { TableName: 'things', Item: item });
    await call(engine, 'DeleteItem', { TableName: 'things', Key: { pk: { S: 'a' } } });
    const arn = ((await call(engine, 'DescribeTable', { TableName: 'things' })).Table as Json).LatestStreamArn as string;
    const shard = (((await call(engine, 'DescribeStream', { StreamArn: arn })).StreamDescription as Json).Shards as Json[])[0] as Json;
    const iterator = (await call(engine, 'GetShardIterator', { StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' })).ShardIterator;
    const records = (await call(engine, 'GetRecords', { ShardIterator: iterator })).Records as { dynamodb: Json }[];
    expect(records.map((r) => canonical(r.dynamodb.NewImage ?? r.dynamodb.OldImage))).toEqual([canonical(item), canonical(item)]);
  });
});

describe.each(PROTOTYPE_NAMES)('a key attribute named %s', (keyName) => {
  // Key attribute names follow the same naming rules (the page cited above).
  it('keys PutItem, GetItem, Query and a sparse index', async () => {
    const engine = newEngine();
    await call(engine, 'CreateTable', {
      TableName: 'keyed',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: keyName, AttributeType: 'S' },
        { AttributeName: 'g', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: keyName, KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [{ IndexName: 'by-g', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    });
    const keyed = { [keyName]: { S: 'k1' }, g: { S: 'G' } };
    await call(engine, 'PutItem', { TableName: 'keyed', Item: keyed });
    await call(engine, 'PutItem', { TableName: 'keyed', Item: { [keyName]: { S: 'k2' } } });
    await call(engine, 'PutItem', { TableName: 'keyed', Item: { other: { S: 'x' } } }, 400);
    const got = await call(engine, 'GetItem', { TableName: 'keyed', Key: { [keyName]: { S: 'k1' } } });
    expect(canonical(got.Item)).toBe(canonical(keyed));
    await call(engine, 'GetItem', { TableName: 'keyed', Key: { other: { S: 'k1' } } }, 400);
    const queried = await call(engine, 'Query', {
      TableName: 'keyed',
      KeyConditionExpression: '#k = :k',
      ExpressionAttributeNames: { '#k': keyName },
      ExpressionAttributeValues: { ':k': { S: 'k2' } },
    });
    expect((queried.Items as Json[]).map(canonical)).toEqual([canonical({ [keyName]: { S: 'k2' } })]);
    const byIndex = await call(engine, 'Scan', { TableName: 'keyed', IndexName: 'by-g' });
    expect((byIndex.Items as Json[]).map(canonical)).toEqual([canonical(keyed)]);
    const first = await call(engine, 'Scan', { TableName: 'keyed', Limit: 1 });
    expect(Object.keys(first.LastEvaluatedKey as Json)).toEqual([keyName]);
    const rest = await call(engine, 'Scan', { TableName: 'keyed', ExclusiveStartKey: first.LastEvaluatedKey });
    expect([...(first.Items as Json[]), ...(rest.Items as Json[])].map(canonical).sort()).toEqual([canonical(keyed), canonical({ [keyName]: { S: 'k2' } })].sort());
  });
});

describe('a table named __proto__ with indexes named toString and valueOf', () => {
  // Table and index names are 3 to 255 of [a-zA-Z0-9_.-] (the naming rules page cited above): `__proto__` is one.
  it('keys batch and transaction results and capacity by those names', async () => {
    const engine = newEngine();
    const s = (AttributeName: string): Json => ({ AttributeName, AttributeType: 'S' });
    await call(engine, 'CreateTable', {
      TableName: '__proto__',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [s('pk'), s('sk'), s('g'), s('l')],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      GlobalSecondaryIndexes: [{ IndexName: 'toString', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
      LocalSecondaryIndexes: [{ IndexName: 'valueOf', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'l', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
    });
    const item = { pk: { S: 'p' }, sk: { S: '1' }, g: { S: 'G' }, l: { S: 'L' } };
    const written = await call(engine, 'BatchWriteItem', {
      RequestItems: { ['__proto__']: [{ PutRequest: { Item: item } }] },
      ReturnConsumedCapacity: 'INDEXES',
      ReturnItemCollectionMetrics: 'SIZE',
    });
    const [capacity] = written.ConsumedCapacity as Json[];
    expect(capacity).toMatchObject({ TableName: '__proto__', CapacityUnits: 3 });
    expect(entries(capacity?.GlobalSecondaryIndexes)).toEqual([['toString', { CapacityUnits: 1 }]]);
    expect(entries(capacity?.LocalSecondaryIndexes)).toEqual([['valueOf', { CapacityUnits: 1 }]]);
    expect(entries(written.ItemCollectionMetrics).map(([name, list]) => [name, (list as unknown[]).length])).toEqual([['__proto__', 1]]);
    const read = await call(engine, 'BatchGetItem', { RequestItems: { ['__proto__']: { Keys: [{ pk: { S: 'p' }, sk: { S: '1' } }] } } });
    expect(entries(read.Responses).map(([name, items]) => [name, (items as Json[]).map(canonical)])).toEqual([['__proto__', [canonical(item)]]]);
    const transacted = await call(engine, 'TransactWriteItems', {
      TransactItems: [{ Put: { TableName: '__proto__', Item: { ...item, sk: { S: '2' } } } }],
      ReturnItemCollectionMetrics: 'SIZE',
    });
    expect(entries(transacted.ItemCollectionMetrics).map(([name]) => name)).toEqual(['__proto__']);
    const queried = await call(engine, 'Query', {
      TableName: '__proto__',
      IndexName: 'toString',
      KeyConditionExpression: 'g = :g',
      ExpressionAttributeValues: { ':g': { S: 'G' } },
      ReturnConsumedCapacity: 'INDEXES',
    });
    expect(queried.Count).toBe(2);
    expect(entries((queried.ConsumedCapacity as Json).GlobalSecondaryIndexes)).toEqual([['toString', { CapacityUnits: 0.5 }]]);
  });
});

/** Attribute values as a model: maps are Maps, so names like `__proto__` are plain keys and never object members. */
type Model = { S: string } | { N: string } | { BOOL: boolean } | { NULL: true } | { SS: string[] } | { L: Model[] } | { M: Map<string, Model> };

const attributeName = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.string({ minLength: 1, maxLength: 6 }));
const { model } = fc.letrec<{ model: Model }>((tie) => ({
  model: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 5 }).map((S) => ({ S })),
    fc.integer({ min: -1e6, max: 1e6 }).map((n) => ({ N: String(n) })),
    fc.boolean().map((BOOL) => ({ BOOL })),
    fc.constant({ NULL: true as const }),
    fc.uniqueArray(fc.constantFrom(...PROTOTYPE_NAMES, 'a', 'b'), { minLength: 1, maxLength: 3 }).map((SS) => ({ SS })),
    fc.array(tie('model'), { maxLength: 3 }).map((L) => ({ L })),
    fc.uniqueArray(fc.tuple(attributeName, tie('model')), { maxLength: 4, selector: ([name]) => name }).map((pairs) => ({ M: new Map(pairs) })),
  ),
}));

/** DynamoDB JSON text of a model, written by hand: no object ever holds a model's names. */
function modelJson(value: Model): string {
  if ('M' in value) return `{"M":${mapJson(value.M)}}`;
  if ('L' in value) return `{"L":[${value.L.map(modelJson).join(',')}]}`;
  return JSON.stringify(value);
}
const mapJson = (map: Map<string, Model>): string => `{${[...map].map(([name, value]) => `${JSON.stringify(name)}:${modelJson(value)}`).join(',')}}`;

/** The canonical text (see {@link canonical}) of a model. */
function modelCanonical(value: Model): string {
  if ('M' in value) return `{"M":${mapCanonical(value.M)}}`;
  if ('L' in value) return `{"L":[${value.L.map(modelCanonical).join(',')}]}`;
  return canonical(value);
}
const mapCanonical = (map: Map<string, Model>): string =>
  `{${[...map.keys()]
    .sort()
    .map((name) => `${JSON.stringify(name)}:${modelCanonical(map.get(name) as Model)}`)
    .join(',')}}`;

describe('items whose attribute names include Object.prototype members', () => {
  it('come back from GetItem exactly as PutItem stored them', async () => {
    const engine = await withTable();
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.tuple(attributeName.filter((n) => n !== 'pk'), model), { maxLength: 6, selector: ([name]) => name }), async (pairs) => {
        const item = new Map<string, Model>([['pk', { S: 'p' }], ...pairs]);
        const put = await handleWireRequest(engine, { headers: { 'x-amz-target': 'DynamoDB_20120810.PutItem' }, body: `{"TableName":"things","Item":${mapJson(item)}}` });
        expect(put.statusCode).toBe(200);
        expect(canonical(await get(engine, 'p'))).toBe(mapCanonical(item));
      }),
      { numRuns: 300 },
    );
  });
});
