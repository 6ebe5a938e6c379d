import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { lambdaContext } from '../../events/lambda/lambdaContext';
// Tests may drive the local engine in process (tests are never bundled).
import { VirtualClock } from '../../local-runtime/clock/Clock';
import { Engine } from '../../local-runtime/engine/Engine';
import { createInProcessRequestHandler } from '../../local-runtime/wire/createInProcessRequestHandler';
import { CLIENT_CONFIG_OVERRIDES } from '../aws/clientOverrides';
import { logger } from '../observability/logger';
import { Repository } from '../repository/Repository';
import { aWidget, Widget } from '../repository/testEntity';
import { idempotentRecords } from './idempotent';
import { streamHandler, type EntityChange } from './streamHandler';

type WidgetEntity = typeof aWidget;
const slot = globalThis as Record<symbol, unknown>;

let engine: Engine;
let streamArn: string;
let widgets: Repository<'Widget', typeof Widget.schema, { id: string }, 'GSI1' | 'GSI2'>;
let cursor = new Map<string, string | undefined>();

beforeEach(async () => {
  logger.setLogLevel('SILENT');
  engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock(Date.UTC(2026, 0, 1)) });
  const S = (AttributeName: string) => ({ AttributeName, AttributeType: 'S' });
  const created = await engine.execute('CreateTable', {
    TableName: 'widgets',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [S('PK'), S('SK')],
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
  streamArn = (created['TableDescription'] as { LatestStreamArn: string }).LatestStreamArn;
  await engine.execute('CreateTable', {
    TableName: 'idempotency',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [S('id')],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  });
  const dynamodb = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, requestHandler: createInProcessRequestHandler(engine) };
  slot[CLIENT_CONFIG_OVERRIDES] = { dynamodb };
  widgets = new Repository(Widget, 'widgets', DynamoDBDocumentClient.from(new DynamoDBClient(dynamodb)));
  cursor = new Map();
});
afterEach(() => {
  delete slot[CLIENT_CONFIG_OVERRIDES];
});

/** The next records of the engine's stream, as a Lambda event (every shard, in order). */
function nextBatch(): DynamoDBStreamEvent {
  const Records = engine.streams.shards(streamArn).flatMap((shard) => {
    const records = engine.streams.readAfter(streamArn, shard.shardId, cursor.get(shard.shardId), 100);
    if (records.length > 0) cursor.set(shard.shardId, records.at(-1)?.dynamodb.SequenceNumber);
    return records.map((r) => ({ ...r, eventSourceARN: streamArn }) as DynamoDBRecord);
  });
  return { Records };
}

const seq = (record: DynamoDBRecord | undefined) => record?.dynamodb?.SequenceNumber ?? '';

describe('streamHandler', () => {
  it('types each route by its entity', () => {
    const handler = streamHandler({ entities: [Widget] });
    handler.on('Widget', 'INSERT', async (change) => {
      expectTypeOf(change).toEqualTypeOf<EntityChange<WidgetEntity>>();
    });
    // @ts-expect-error: no such entity
    handler.on('Gadget', 'INSERT', async () => undefined);
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.Lambda.html
  it('decodes records from the engine stream and routes them by entity type and event name', async () => {
    const seen: string[] = [];
    const handler = streamHandler({ entities: [Widget] })
      .on('Widget', 'INSERT', async ({ newEntity }) => void seen.push(`insert ${newEntity?.label}`))
      .on('Widget', ['MODIFY', 'REMOVE'], async ({ eventName, oldEntity, newEntity, expired }) => void seen.push(`${eventName} ${oldEntity?.label}->${newEntity?.label} ${expired}`));
    await widgets.put(aWidget);
    await widgets.update({ id: 'w1' }, { label: 'red' }, { expectedVersion: 1 });
    await widgets.delete({ id: 'w1' });
    await engine.execute('PutItem', { TableName: 'widgets', Item: { PK: { S: 'X' }, SK: { S: 'Y' }, entityType: { S: 'Gadget' } } });

    const result = await handler(nextBatch(), lambdaContext());

    expect(result).toEqual({ batchItemFailures: [] });
    expect(seen).toEqual(['insert blue', 'MODIFY blue->red false', 'REMOVE red->undefined false']);
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
  it('reports a failing or undecodable record by sequence number', async () => {
    const handler = streamHandler({ entities: [Widget] }).on('Widget', 'INSERT', async ({ newEntity }) => {
      if (newEntity?.id === 'w2') throw new Error('downstream failed');
    });
    await widgets.put(aWidget);
    await widgets.put({ ...aWidget, id: 'w2' });
    await engine.execute('PutItem', { TableName: 'widgets', Item: { PK: { S: 'WIDGET#w3' }, SK: { S: 'WIDGET' }, entityType: { S: 'Widget' }, id: { S: 'w3' } } });
    const event = nextBatch();

    const result = await handler(event, lambdaContext());

    const failing = event.Records.filter((r) => ['WIDGET#w2', 'WIDGET#w3'].includes(r.dynamodb?.Keys?.['PK']?.S ?? ''));
    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(failing.map(seq).sort());
    expect(failing).toHaveLength(2);
  });

  it('with stopOnFailurePerKey, fails every later record of a failed item but not of other items', async () => {
    let failOnce = true;
    const handler = streamHandler({ entities: [Widget], stopOnFailurePerKey: true }).on('Widget', ['INSERT', 'MODIFY'], async ({ newEntity }) => {
      if (newEntity?.id === 'w1' && failOnce) {
        failOnce = false;
        throw new Error('transient');
      }
    });
    await widgets.put(aWidget);
    await widgets.put({ ...aWidget, id: 'w2' });
    await widgets.update({ id: 'w1' }, { label: 'red' }, { expectedVersion: 1 });
    const event = nextBatch();
    const w1Records = event.Records.filter((r) => r.dynamodb?.Keys?.['PK']?.S === 'WIDGET#w1');

    const result = await handler(event, lambdaContext());

    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(w1Records.map(seq).sort());
    expect(w1Records).toHaveLength(2);
  });

  it('tells TTL expiries from user deletes', async () => {
    const changes: boolean[] = [];
    const handler = streamHandler({ entities: [Widget] }).on('Widget', 'REMOVE', async ({ expired }) => void changes.push(expired));
    await widgets.put(aWidget);
    await widgets.delete({ id: 'w1' });
    const [, remove] = nextBatch().Records;
    if (!remove) throw new Error('expected a REMOVE record');
    const expiry = { ...remove, userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } };
    await handler({ Records: [remove, expiry] }, lambdaContext());
    expect(changes).toEqual([false, true]);
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html (at-least-once: records can be delivered more than once)
  it('with idempotency, a duplicate delivery of the same records changes nothing', async () => {
    let runs = 0;
    const handler = streamHandler({ entities: [Widget], idempotency: idempotentRecords({ tableName: 'idempotency' }) }).on('Widget', 'INSERT', async ({ newEntity }) => {
      runs += 1;
      if (newEntity) await widgets.update({ id: newEntity.id }, { size: newEntity.size + 1 }, { expectedVersion: newEntity.version });
    });
    await widgets.put(aWidget);
    const event = nextBatch();

    const first = await handler(event, lambdaContext());
    const afterFirst = await widgets.get({ id: 'w1' });
    const second = await handler(structuredClone(event), lambdaContext());

    expect([first, second]).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect(runs).toBe(1);
    expect(await widgets.get({ id: 'w1' })).toEqual(afterFirst);
    expect(afterFirst).toMatchObject({ size: 4, version: 2 });
    const stored = await engine.execute('Scan', { TableName: 'idempotency' });
    expect(stored['Items']).toEqual([expect.objectContaining({ status: { S: 'COMPLETED' } })]);
  });

  it('with idempotency, a failed record is not remembered and runs again on retry', async () => {
    let runs = 0;
    const handler = streamHandler({ entities: [Widget], idempotency: idempotentRecords({ tableName: 'idempotency' }) }).on('Widget', 'INSERT', async () => {
      runs += 1;
      if (runs === 1) throw new Error('first attempt fails');
    });
    await widgets.put(aWidget);
    const event = nextBatch();
    const first = await handler(event, lambdaContext());
    const second = await handler(event, lambdaContext());
    expect(first.batchItemFailures).toHaveLength(1);
    expect(second.batchItemFailures).toHaveLength(0);
    expect(runs).toBe(2);
  });
});
