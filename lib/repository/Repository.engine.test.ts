import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
// Tests may drive the local engine in process (tests are never bundled).
import { VirtualClock } from '../../local-runtime/clock/Clock';
import { Engine } from '../../local-runtime/engine/Engine';
import { createInProcessRequestHandler } from '../../local-runtime/wire/createInProcessRequestHandler';
import { ConflictError, InvalidCursorError } from './errors';
import { Repository, type Page } from './Repository';
import { aWidget, Widget } from './testEntity';

type WidgetEntity = typeof aWidget;

async function widgetTable() {
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock(Date.UTC(2026, 0, 1)) });
  const S = (AttributeName: string) => ({ AttributeName, AttributeType: 'S' });
  await engine.execute('CreateTable', {
    TableName: 'widgets',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [S('PK'), S('SK'), S('GSI1PK'), S('GSI1SK')],
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'GSI1',
        KeySchema: [
          { AttributeName: 'GSI1PK', KeyType: 'HASH' },
          { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  });
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, requestHandler: createInProcessRequestHandler(engine) }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  return { engine, client, repo: new Repository(Widget, 'widgets', client) };
}

let repo: Awaited<ReturnType<typeof widgetTable>>['repo'];
let engine: Engine;
beforeEach(async () => {
  ({ repo, engine } = await widgetTable());
  for (const id of ['w1', 'w2', 'w3', 'w4', 'w5']) await repo.put({ ...aWidget, id, owner: id === 'w5' ? 'bob' : 'ann' });
});

async function allPages(fetch: (cursor: string | undefined) => Promise<Page<WidgetEntity>>) {
  const pages: Page<WidgetEntity>[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    pages.push(page);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return pages;
}

describe('Repository on the local engine', () => {
  it('infers index names and query item types', () => {
    expectTypeOf(Widget.indexNames).toEqualTypeOf<readonly ('GSI1' | 'GSI2')[]>();
    expectTypeOf(repo.query).parameter(0).toHaveProperty('index').toEqualTypeOf<'GSI1' | 'GSI2' | undefined>();
    expectTypeOf(repo.query).returns.resolves.toEqualTypeOf<Page<WidgetEntity>>();
    expectTypeOf(repo.batchGet).parameter(0).toEqualTypeOf<readonly { id: string }[]>();
    expectTypeOf(repo.delete).returns.resolves.toEqualTypeOf<WidgetEntity | undefined>();
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html
  it('queries a GSI partition with begins_with and between on the sort key', async () => {
    const prefixed = await repo.query({ index: 'GSI1', partition: 'OWNER#ann', sort: { beginsWith: 'WIDGET#w' } });
    expect(prefixed.items.map((w) => w.id)).toEqual(['w1', 'w2', 'w3', 'w4']);
    const between = await repo.query({ index: 'GSI1', partition: 'OWNER#ann', sort: { between: ['WIDGET#w2', 'WIDGET#w3'] }, forward: false });
    expect(between.items.map((w) => w.id)).toEqual(['w3', 'w2']);
    expect(between.cursor).toBeUndefined();
  });

  it('queries the table by partition', async () => {
    const page = await repo.query({ partition: 'WIDGET#w2', sort: { eq: 'WIDGET' } });
    expect(page.items).toEqual([{ ...aWidget, id: 'w2' }]);
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html
  it('paginates with opaque cursors until the last page', async () => {
    const pages = await allPages((cursor) => repo.query({ index: 'GSI1', partition: 'OWNER#ann', limit: 3, ...(cursor ? { cursor } : {}) }));
    expect(pages.flatMap((p) => p.items.map((w) => w.id))).toEqual(['w1', 'w2', 'w3', 'w4']);
    expect(pages[0]?.cursor).toMatch(/^[\w-]+\.[\w-]+$/);
  });

  it('scans only this entity, page by page', async () => {
    await engine.execute('PutItem', { TableName: 'widgets', Item: { PK: { S: 'OTHER#1' }, SK: { S: 'X' }, entityType: { S: 'Other' } } });
    const pages = await allPages((cursor) => repo.scan({ limit: 2, ...(cursor ? { cursor } : {}) }));
    expect(pages.flatMap((p) => p.items.map((w) => w.id)).sort()).toEqual(['w1', 'w2', 'w3', 'w4', 'w5']);
  });

  it('refuses a tampered cursor, or one from another query, and sends nothing', async () => {
    const { cursor } = await repo.query({ index: 'GSI1', partition: 'OWNER#ann', limit: 1 });
    if (!cursor) throw new Error('expected a cursor');
    const [payload, signature] = cursor.split('.');
    const forged = Buffer.from(JSON.stringify({ PK: 'WIDGET#w3', SK: 'WIDGET', GSI1PK: 'OWNER#ann', GSI1SK: 'WIDGET#w3' })).toString('base64url');
    await expect(repo.query({ index: 'GSI1', partition: 'OWNER#ann', cursor: `${forged}.${signature}` })).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(repo.query({ index: 'GSI1', partition: 'OWNER#bob', cursor })).rejects.toThrow(/signature mismatch/);
    await expect(repo.query({ index: 'GSI1', partition: 'OWNER#ann', cursor: `${payload}` })).rejects.toThrow(/malformed/);
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DynamoDBMapper.OptimisticLocking.html
  it('rejects a stale update with ConflictError and leaves the item unchanged', async () => {
    await repo.update({ id: 'w1' }, { label: 'red' }, { expectedVersion: 1 });
    await expect(repo.update({ id: 'w1' }, { label: 'green' }, { expectedVersion: 1 })).rejects.toBeInstanceOf(ConflictError);
    expect(await repo.get({ id: 'w1' })).toMatchObject({ label: 'red', version: 2 });
  });

  it('deletes, conditionally on the version when asked, returning the old entity', async () => {
    await expect(repo.delete({ id: 'w1' }, { expectedVersion: 9 })).rejects.toMatchObject({ name: 'ConflictError', reason: 'version' });
    expect(await repo.delete({ id: 'w1' }, { expectedVersion: 1 })).toEqual(aWidget);
    expect(await repo.get({ id: 'w1' })).toBeUndefined();
    expect(await repo.delete({ id: 'w1' })).toBeUndefined();
  });
});
