import { PutCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { createRuntime } from './createRuntime';
import type { VirtualClock } from '../clock/Clock';
import type { Runtime } from './Runtime';

describe('createRuntime({ capacity, consistency })', () => {
  let runtime: Runtime<VirtualClock> | undefined;
  afterEach(async () => {
    await runtime?.close();
    runtime = undefined;
  });

  it('turns on the engine models for the service: counted requests and stale eventually consistent reads', async () => {
    runtime = await createRuntime({ stage: 'dev', clock: 'virtual', capacity: true, consistency: { readLag: 1000, seed: 1 } });
    expect(runtime.engine.consistency?.readLag).toBe(1000);
    const TableName = runtime.engine.tableNames()[0] as string;
    const key = { PK: 'k', SK: 'k' };
    await runtime.clients.document.send(new PutCommand({ TableName, Item: { ...key, v: 1 } }));
    // Seed 1 gives this write a delay of 627 ms: strongly consistent reads see it, eventual ones not yet.
    expect((await runtime.clients.document.send(new GetCommand({ TableName, Key: key, ConsistentRead: true }))).Item).toMatchObject({ v: 1 });
    expect((await runtime.clients.document.send(new GetCommand({ TableName, Key: key }))).Item).toBeUndefined();
    runtime.clock.advance(1000);
    expect((await runtime.clients.document.send(new GetCommand({ TableName, Key: key }))).Item).toMatchObject({ v: 1 });
    expect(runtime.engine.capacity?.counters.byOperation.GetItem?.requests).toBe(3);
  });

  it('leaves both off by default', async () => {
    runtime = await createRuntime({ stage: 'dev', clock: 'virtual' });
    expect(runtime.engine.capacity).toBeUndefined();
    expect(runtime.engine.consistency).toBeUndefined();
  });
});
