import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../events/lambda/lambdaContext';
// Integration on the local engine, in process (tests are never bundled).
import { VirtualClock } from '../../local-runtime/clock/Clock';
import { Engine } from '../../local-runtime/engine/Engine';
import { pkSkKeys } from '../../local-runtime/engine/testing/pkSkKeys';
import { createInProcessRequestHandler } from '../../local-runtime/wire/createInProcessRequestHandler';
import { logger } from '../observability/logger';
import { Repository } from '../repository/Repository';
import { defineSaga, type SagaStepContext } from './defineSaga';
import { SagaDeadlineEntity, SagaStateEntity } from './sagaEntities';
import { sagaRunner } from './sagaRunner';

const start = Date.UTC(2026, 0, 1);
let engine: Engine;
let clock: VirtualClock;
let client: DynamoDBDocumentClient;
let streamArn: string;
let positions: Map<string, string | undefined>;

beforeEach(async () => {
  logger.setLogLevel('SILENT');
  clock = new VirtualClock(start);
  engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock });
  const created = await engine.execute('CreateTable', {
    TableName: 'sagas',
    BillingMode: 'PAY_PER_REQUEST',
    ...pkSkKeys,
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
  streamArn = (created['TableDescription'] as { LatestStreamArn: string }).LatestStreamArn;
  client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, requestHandler: createInProcessRequestHandler(engine) }),
  );
  positions = new Map();
});

function nextBatch(): DynamoDBStreamEvent {
  const Records = engine.streams.shards(streamArn).flatMap((shard) => {
    const records = engine.streams.readAfter(streamArn, shard.shardId, positions.get(shard.shardId), 100);
    if (records.length > 0) positions.set(shard.shardId, records.at(-1)?.dynamodb.SequenceNumber);
    return records.map((r) => ({ ...r, eventSourceARN: streamArn }) as DynamoDBRecord);
  });
  return { Records };
}

/** Feeds the stream to the handler until quiescent; with `duplicate`, every batch is delivered twice. */
async function pump(handler: (e: DynamoDBStreamEvent, c: ReturnType<typeof lambdaContext>) => Promise<{ batchItemFailures: unknown[] }>, duplicate = false) {
  const delivered: DynamoDBStreamEvent[] = [];
  for (let round = 0; round < 50; round += 1) {
    const batch = nextBatch();
    if (batch.Records.length === 0) return delivered;
    delivered.push(batch);
    expect((await handler(batch, lambdaContext())).batchItemFailures).toEqual([]);
    if (duplicate) expect((await handler(structuredClone(batch), lambdaContext())).batchItemFailures).toEqual([]);
  }
  throw new Error('stream did not quiesce');
}

type Input = { orderId: string };
function checkout(failAt: number | undefined, log: string[]) {
  const step = (name: string, index: number) => ({
    name,
    timeoutSeconds: 30,
    action: async (ctx: SagaStepContext<Input>) => {
      log.push(`do ${name} ${ctx.idempotencyKey} ${ctx.input.orderId}`);
      if (index === failAt) throw new Error(`${name} refused`);
    },
    compensate: async (ctx: SagaStepContext<Input>) => void log.push(`undo ${name} ${ctx.idempotencyKey}`),
  });
  return defineSaga<Input>({ name: 'checkout', steps: [step('reserve', 0), step('charge', 1), step('ship', 2)] });
}

const stateOf = async (sagaId: string) => new Repository(SagaStateEntity, 'sagas', client).get({ sagaId });

describe('sagaRunner on the local engine', () => {
  it('runs every step once and completes, deleting the deadlines it no longer needs', async () => {
    const log: string[] = [];
    const saga = checkout(undefined, log);
    const runner = sagaRunner({ sagas: [saga], tableName: 'sagas', client, now: () => new Date(clock.now()) });
    await runner.start(saga, 's1', { orderId: 'o1' });
    await pump(runner.handler);
    expect(log).toEqual(['do reserve s1#reserve o1', 'do charge s1#charge o1', 'do ship s1#ship o1']);
    expect(await stateOf('s1')).toMatchObject({ status: 'COMPLETED', step: 2, version: 4 });
    expect((await new Repository(SagaDeadlineEntity, 'sagas', client).query({ partition: 'SAGA#s1' })).items).toEqual([]);
  });

  for (const failAt of [0, 1, 2]) {
    it(`compensates the completed steps in reverse when step ${failAt} fails`, async () => {
      const log: string[] = [];
      const saga = checkout(failAt, log);
      const runner = sagaRunner({ sagas: [saga], tableName: 'sagas', client, now: () => new Date(clock.now()) });
      await runner.start(saga, 's1', { orderId: 'o1' });
      await pump(runner.handler);
      const names = ['reserve', 'charge', 'ship'];
      const done = names.slice(0, failAt + 1).map((n) => `do ${n} s1#${n} o1`);
      const undone = names.slice(0, failAt).reverse().map((n) => `undo ${n} s1#${n}#compensate`);
      expect(log).toEqual([...done, ...undone]);
      const state = await stateOf('s1');
      expect(state).toMatchObject({ status: 'COMPENSATED', step: -1 });
      expect(state?.history.map((h) => `${h.step}:${h.phase}:${h.outcome}`)).toEqual([
        ...names.slice(0, failAt).map((n) => `${n}:action:done`),
        `${names[failAt]}:action:failed`,
        ...names.slice(0, failAt).reverse().map((n) => `${n}:compensation:done`),
      ]);
    });
  }

  // https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html (records may be delivered more than once)
  it('changes nothing when every batch is delivered twice', async () => {
    const once: string[] = [];
    const twice: string[] = [];
    const first = checkout(1, once);
    const r1 = sagaRunner({ sagas: [first], tableName: 'sagas', client, now: () => new Date(clock.now()) });
    await r1.start(first, 'a', { orderId: 'o1' });
    await pump(r1.handler);
    const second = checkout(1, twice);
    const r2 = sagaRunner({ sagas: [second], tableName: 'sagas', client, now: () => new Date(clock.now()) });
    await r2.start(second, 'b', { orderId: 'o1' });
    const batches = await pump(r2.handler, true);
    expect(twice.map((l) => l.replaceAll('b#', 'a#'))).toEqual(once);
    const [a, b] = [await stateOf('a'), await stateOf('b')];
    expect(b).toMatchObject({ status: a?.status, step: a?.step, version: a?.version });
    // Replaying the whole history again, stale records included, still changes nothing.
    for (const batch of batches) await r2.handler(batch, lambdaContext());
    expect(await stateOf('b')).toEqual(b);
    expect(twice.map((l) => l.replaceAll('b#', 'a#'))).toEqual(once);
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-streams.html
  it('takes the timeout path when the deadline TTL item expires (service REMOVE), not on a user delete', async () => {
    const log: string[] = [];
    const saga = checkout(undefined, log);
    const runner = sagaRunner({ sagas: [saga], tableName: 'sagas', client, now: () => new Date(clock.now()) });
    const deadlines = new Repository(SagaDeadlineEntity, 'sagas', client);
    // The saga reached step 1 (charge) and its deadline item exists, but the step never finished.
    await runner.start(saga, 's1', { orderId: 'o1' });
    const states = new Repository(SagaStateEntity, 'sagas', client);
    await states.update({ sagaId: 's1' }, { step: 1, history: [{ step: 'reserve', phase: 'action', outcome: 'done', at: 'x' }] }, { expectedVersion: 1 });
    await deadlines.put({ sagaId: 's1', step: 1, expiresAt: Math.floor(start / 1000) + 30 });
    nextBatch(); // those writes are not the runner's business here
    await deadlines.delete({ sagaId: 's1', step: 1 });
    const [userDelete] = nextBatch().Records;
    if (!userDelete) throw new Error('expected the REMOVE record');

    await runner.handler({ Records: [userDelete] }, lambdaContext());
    expect(await stateOf('s1')).toMatchObject({ status: 'RUNNING', step: 1 });

    const expiry = { ...userDelete, userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } };
    expect((await runner.handler({ Records: [expiry] }, lambdaContext())).batchItemFailures).toEqual([]);
    await pump(runner.handler);

    expect(log).toEqual(['undo reserve s1#reserve#compensate']);
    const state = await stateOf('s1');
    expect(state).toMatchObject({ status: 'COMPENSATED', step: -1 });
    expect(state?.history.map((h) => `${h.step}:${h.outcome}`)).toEqual(['reserve:done', 'charge:timeout', 'reserve:done']);
  });

  it('times a step out when its deadline has passed by the time the record is (re)delivered', async () => {
    const log: string[] = [];
    const saga = checkout(undefined, log);
    const runner = sagaRunner({ sagas: [saga], tableName: 'sagas', client, now: () => new Date(clock.now()) });
    await runner.start(saga, 's1', { orderId: 'o1' });
    const insert = nextBatch();
    await new Repository(SagaDeadlineEntity, 'sagas', client).put({ sagaId: 's1', step: 0, expiresAt: Math.floor(start / 1000) + 30 });
    clock.advance(31_000);
    await runner.handler(insert, lambdaContext());
    await pump(runner.handler);
    expect(log).toEqual([]);
    expect(await stateOf('s1')).toMatchObject({ status: 'COMPENSATED', history: [expect.objectContaining({ step: 'reserve', outcome: 'timeout' })] });
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html (a failed record is retried)
  it('lets a retryable action error fail the record instead of compensating, so the step is retried', async () => {
    let attempts = 0;
    const saga = defineSaga<Input>({
      name: 'flaky',
      steps: [
        {
          name: 'call',
          timeoutSeconds: 30,
          action: async () => {
            attempts += 1;
            if (attempts < 3) throw Object.assign(new Error('provider unavailable'), { retryable: true });
          },
          compensate: async () => {},
        },
      ],
    });
    const runner = sagaRunner({ sagas: [saga], tableName: 'sagas', client, now: () => new Date(clock.now()) });
    await runner.start(saga, 's1', { orderId: 'o1' });
    const insert = nextBatch();

    const first = await runner.handler(insert, lambdaContext());
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: insert.Records[0]!.dynamodb!.SequenceNumber }]);
    expect(await stateOf('s1')).toMatchObject({ status: 'RUNNING', step: 0, history: [] });
    await runner.handler(insert, lambdaContext());
    expect((await runner.handler(insert, lambdaContext())).batchItemFailures).toEqual([]);

    expect(attempts).toBe(3);
    expect(await stateOf('s1')).toMatchObject({ status: 'COMPLETED', history: [expect.objectContaining({ step: 'call', outcome: 'done' })] });
  });
});
