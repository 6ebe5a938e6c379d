import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../Engine';
import { rejection } from '../testing/rejection';

const INVALID = 'One or more parameter values were invalid: ';

/** A table keyed by pk/sk with a GSI on (g, gs) and an LSI on (pk, ls), all strings except the binary `b` GSI. */
async function engineWithIndexes(): Promise<Engine> {
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock(Date.UTC(2026, 0, 1)) });
  const attribute = (name: string, type = 'S') => ({ AttributeName: name, AttributeType: type });
  await engine.execute('CreateTable', {
    TableName: 'tbl',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [attribute('pk'), attribute('sk'), attribute('g'), attribute('gs'), attribute('ls'), attribute('b', 'B')],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      { IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }, { AttributeName: 'gs', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
      { IndexName: 'byB', KeySchema: [{ AttributeName: 'b', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
    ],
    LocalSecondaryIndexes: [{ IndexName: 'byLs', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'ls', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
  });
  return engine;
}

const key = { pk: { S: 'p' }, sk: { S: 's' } };

// Partition keys <= 2048 bytes, sort keys <= 1024 bytes, for index keys as for table keys
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-partition-sort-keys).
// AWS's message, as reported from the service: https://github.com/wellcomecollection/platform/issues/2285
// ("Size limit exceeded for Index Key componentId Actual Size: 2175 bytes Max Size: 2048 bytes IndexName: work-sets-index").
describe('index key sizes on writes', () => {
  it('a GSI partition key over 2048 bytes rejects PutItem; 2048 bytes is accepted', async () => {
    const engine = await engineWithIndexes();
    await engine.execute('PutItem', { TableName: 'tbl', Item: { ...key, g: { S: 'g'.repeat(2048) } } });
    const error = await rejection(engine.execute('PutItem', { TableName: 'tbl', Item: { ...key, g: { S: 'g'.repeat(2175) } } }));
    expect(error.type).toBe('ValidationException');
    expect(error.message).toBe(`${INVALID}Size limit exceeded for Index Key g Actual Size: 2175 bytes Max Size: 2048 bytes IndexName: byG`);
  });

  it('counts UTF-8 bytes, not characters, and base64-decoded bytes for binaries', async () => {
    const engine = await engineWithIndexes();
    // 700 three-byte characters: 2100 bytes.
    expect((await rejection(engine.execute('PutItem', { TableName: 'tbl', Item: { ...key, g: { S: '€'.repeat(700) } } }))).message).toContain('Actual Size: 2100 bytes Max Size: 2048 bytes');
    await engine.execute('PutItem', { TableName: 'tbl', Item: { ...key, b: { B: Buffer.alloc(2048).toString('base64') } } });
    expect((await rejection(engine.execute('PutItem', { TableName: 'tbl', Item: { ...key, b: { B: Buffer.alloc(2049).toString('base64') } } }))).message).toBe(
      `${INVALID}Size limit exceeded for Index Key b Actual Size: 2049 bytes Max Size: 2048 bytes IndexName: byB`,
    );
  });

  it('GSI and LSI sort keys over 1024 bytes reject the write', async () => {
    const engine = await engineWithIndexes();
    await engine.execute('PutItem', { TableName: 'tbl', Item: { ...key, gs: { S: 'x'.repeat(1024) }, ls: { S: 'y'.repeat(1024) } } });
    expect((await rejection(engine.execute('PutItem', { TableName: 'tbl', Item: { ...key, gs: { S: 'x'.repeat(1025) } } }))).message).toBe(
      `${INVALID}Size limit exceeded for Index Key gs Actual Size: 1025 bytes Max Size: 1024 bytes IndexName: byG`,
    );
    expect((await rejection(engine.execute('PutItem', { TableName: 'tbl', Item: { ...key, ls: { S: 'y'.repeat(1100) } } }))).message).toBe(
      `${INVALID}Size limit exceeded for Index Key ls Actual Size: 1100 bytes Max Size: 1024 bytes IndexName: byLs`,
    );
  });

  it('UpdateItem, BatchWriteItem and TransactWriteItems check the index keys they write; nothing is written', async () => {
    const engine = await engineWithIndexes();
    const big = { S: 'g'.repeat(3000) };
    const update = await rejection(engine.execute('UpdateItem', { TableName: 'tbl', Key: key, UpdateExpression: 'SET g = :g', ExpressionAttributeValues: { ':g': big } }));
    expect(update.message).toContain('Size limit exceeded for Index Key g Actual Size: 3000 bytes');
    const batch = await rejection(engine.execute('BatchWriteItem', { RequestItems: { tbl: [{ PutRequest: { Item: { ...key, g: big } } }] } }));
    expect(batch.message).toContain('Size limit exceeded for Index Key g');
    // A Put's item is input: a top-level ValidationException (https://github.com/nubo-db/dynoxide/issues/95, measured on
    // DynamoDB); an Update that makes the key too large is cancelled with a ValidationError reason in its place
    // ("a similar validation error occurs because of changes made by the transaction":
    // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html).
    const put = await rejection(engine.execute('TransactWriteItems', { TransactItems: [{ Put: { TableName: 'tbl', Item: { ...key, g: big } } }] }));
    expect(put.type).toBe('ValidationException');
    const transaction = await rejection(
      engine.execute('TransactWriteItems', {
        TransactItems: [
          { Put: { TableName: 'tbl', Item: { pk: { S: 'other' }, sk: { S: 's' } } } },
          { Update: { TableName: 'tbl', Key: key, UpdateExpression: 'SET g = :g', ExpressionAttributeValues: { ':g': big } } },
        ],
      }),
    );
    expect(transaction.type).toBe('TransactionCanceledException');
    expect(transaction.extra.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ValidationError', Message: `${INVALID}Size limit exceeded for Index Key g Actual Size: 3000 bytes Max Size: 2048 bytes IndexName: byG` },
    ]);
    expect((await engine.execute('Scan', { TableName: 'tbl' })).Count).toBe(0);
  });

  it('an empty binary key value is named as binary (https://github.com/architect/dynalite: test/putItem.js)', async () => {
    const engine = await engineWithIndexes();
    expect((await rejection(engine.execute('PutItem', { TableName: 'tbl', Item: { ...key, b: { B: '' } } }))).message).toBe(
      'One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty binary value. IndexName: byB, IndexKey: b',
    );
  });
});

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.OnlineOps.ViolationDetection.html: an item whose
// new index key attribute has the wrong type or size is not written to the index during backfill.
describe('GSI backfill after UpdateTable', () => {
  it('leaves out items whose new key attribute has the wrong type, is empty or is too large', async () => {
    const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock(Date.UTC(2026, 0, 1)) });
    await engine.execute('CreateTable', {
      TableName: 'upd',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    });
    const items = [
      { pk: { S: 'good' }, h: { S: 'v' } },
      { pk: { S: 'number' }, h: { N: '1' } },
      { pk: { S: 'empty' }, h: { S: '' } },
      { pk: { S: 'big' }, h: { S: 'h'.repeat(2049) } },
      { pk: { S: 'none' } },
    ];
    for (const item of items) await engine.execute('PutItem', { TableName: 'upd', Item: item });
    await engine.execute('UpdateTable', {
      TableName: 'upd',
      AttributeDefinitions: [{ AttributeName: 'h', AttributeType: 'S' }],
      GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'byH', KeySchema: [{ AttributeName: 'h', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }],
    });
    const indexed = await engine.execute('Scan', { TableName: 'upd', IndexName: 'byH' });
    expect((indexed.Items as { pk: { S: string } }[]).map((i) => i.pk.S)).toEqual(['good']);
    expect((await engine.execute('Scan', { TableName: 'upd' })).Count).toBe(5);
  });
});
