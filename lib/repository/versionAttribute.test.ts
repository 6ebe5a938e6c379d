import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as v from 'valibot';
import { beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
// Tests may drive the local engine in process (tests are never bundled).
import { VirtualClock } from '../../local-runtime/clock/Clock';
import { Engine } from '../../local-runtime/engine/Engine';
import { createInProcessRequestHandler } from '../../local-runtime/wire/createInProcessRequestHandler';
import { defineEntity } from './defineEntity';
import { ConflictError, EmptyUpdateError } from './errors';
import { Repository, type EntityChanges } from './Repository';
import { Transaction } from './Transaction';
import { Widget } from './testEntity';

/** An entity without a version attribute: no optimistic locking. */
const Note = defineEntity({
  name: 'Note',
  schema: v.object({ id: v.string(), text: v.string() }),
  key: { pk: (n: { id: string }) => `NOTE#${n.id}`, sk: () => 'NOTE' },
});

/** An entity whose version attribute is `rev`. */
const Doc = defineEntity({
  name: 'Doc',
  schema: v.object({ id: v.string(), title: v.string(), rev: v.pipe(v.number(), v.safeInteger(), v.minValue(1)) }),
  key: { pk: (d: { id: string }) => `DOC#${d.id}`, sk: () => 'DOC' },
  versionAttribute: 'rev',
});

let engine: Engine;
let notes: Repository<'Note', typeof Note.schema, { id: string }, never, never>;
let docs: Repository<'Doc', typeof Doc.schema, { id: string }, never, 'rev'>;

beforeEach(async () => {
  engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock(Date.UTC(2026, 0, 1)) });
  const S = (AttributeName: string) => ({ AttributeName, AttributeType: 'S' });
  await engine.execute('CreateTable', {
    TableName: 'docs',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [S('PK'), S('SK')],
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
  });
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, requestHandler: createInProcessRequestHandler(engine) }),
  );
  notes = new Repository(Note, 'docs', client);
  docs = new Repository(Doc, 'docs', client);
});

describe('version attribute', () => {
  it('defaults to `version` when the schema has it, and is absent otherwise', () => {
    expect([Widget.versionAttribute, Note.versionAttribute, Doc.versionAttribute]).toEqual(['version', undefined, 'rev']);
    expectTypeOf(Widget.versionAttribute).toEqualTypeOf<'version' | undefined>();
    expectTypeOf(Note.versionAttribute).toEqualTypeOf<undefined>();
    expectTypeOf(Doc.versionAttribute).toEqualTypeOf<'rev' | undefined>();
  });

  it('types update options and changes by the version attribute', () => {
    expectTypeOf<EntityChanges<v.InferOutput<typeof Doc.schema>, 'rev'>>().toEqualTypeOf<{ id?: string; title?: string }>();
    expectTypeOf(notes.update).parameters.toEqualTypeOf<[{ id: string }, { id?: string; text?: string }, { expectedVersion?: never }?]>();
    expectTypeOf(docs.update).parameters.toEqualTypeOf<[{ id: string }, { id?: string; title?: string }, { expectedVersion: number }]>();
    // Type-only checks (never run): the wrong option shape for each kind of entity does not compile.
    const mistakes = () => {
      // @ts-expect-error: an unversioned entity has no expected version
      void notes.update({ id: 'n1' }, { text: 'x' }, { expectedVersion: 1 });
      // @ts-expect-error: a versioned entity needs one
      void docs.update({ id: 'd1' }, { title: 'x' });
      // @ts-expect-error: the version attribute is managed by the repository
      void docs.update({ id: 'd1' }, { rev: 9 }, { expectedVersion: 1 });
      // @ts-expect-error: no version check without a version attribute
      notes.checkItem({ id: 'n1' }, { expectedVersion: 1 });
    };
    expect(typeof mistakes).toBe('function');
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html
  it('without a version attribute, update is unconditional but needs an existing item', async () => {
    await notes.put({ id: 'n1', text: 'a' });

    expect(await notes.update({ id: 'n1' }, { text: 'b' })).toEqual({ id: 'n1', text: 'b' });
    expect(await notes.update({ id: 'n1' }, { text: 'c' })).toEqual({ id: 'n1', text: 'c' });
    const missing = await notes.update({ id: 'n2' }, { text: 'x' }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ConflictError);
    expect(missing).toMatchObject({ reason: 'missing', code: 'repository.conflict.missing' });
    expect(await notes.get({ id: 'n2' })).toBeUndefined();
    expect(() => notes.updateItem({ id: 'n1' }, {})).toThrow(EmptyUpdateError);
    const stored = await engine.execute('GetItem', { TableName: 'docs', Key: { PK: { S: 'NOTE#n1' }, SK: { S: 'NOTE' } } });
    expect(Object.keys((stored['Item'] as Record<string, unknown>) ?? {}).sort()).toEqual(['PK', 'SK', 'entityType', 'id', 'text']);
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithItems.html#WorkingWithItems.ConditionalUpdate
  it('with versionAttribute `rev`, update checks and increments rev and a stale update conflicts', async () => {
    await docs.put({ id: 'd1', title: 'a', rev: 1 });

    expect(await docs.update({ id: 'd1' }, { title: 'b' }, { expectedVersion: 1 })).toEqual({ id: 'd1', title: 'b', rev: 2 });
    const stale = await docs.update({ id: 'd1' }, { title: 'c' }, { expectedVersion: 1 }).catch((error: unknown) => error);
    expect(stale).toMatchObject({ name: 'ConflictError', reason: 'version' });
    expect(await docs.get({ id: 'd1' })).toEqual({ id: 'd1', title: 'b', rev: 2 });
    const stored = await engine.execute('GetItem', { TableName: 'docs', Key: { PK: { S: 'DOC#d1' }, SK: { S: 'DOC' } } });
    expect(stored['Item']).not.toHaveProperty('version');
  });

  it('with versionAttribute `rev`, conditional delete and transaction checks use rev', async () => {
    await docs.put({ id: 'd1', title: 'a', rev: 3 });
    await notes.put({ id: 'n1', text: 'a' });

    await expect(docs.delete({ id: 'd1' }, { expectedVersion: 2 })).rejects.toMatchObject({ reason: 'version' });
    await new Transaction(docs.client).add(docs.checkItem({ id: 'd1' }, { expectedVersion: 3 })).add(notes.updateItem({ id: 'n1' }, { text: 'b' })).commit();
    expect(await notes.get({ id: 'n1' })).toEqual({ id: 'n1', text: 'b' });
    expect(await docs.delete({ id: 'd1' }, { expectedVersion: 3 })).toEqual({ id: 'd1', title: 'a', rev: 3 });
  });
});
