import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualClock } from '../clock/Clock';
import { createRuntime } from '../runtime/createRuntime';
import type { Runtime } from '../runtime/Runtime';
import type { InvocationRecord } from './types';

/**
 * Worker execution environments end to end (fixtures/environments):
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html (isolation, reuse, Init),
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html (one invocation per environment, throttling),
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html (timeouts stop the environment).
 */
const servicePath = fileURLToPath(new URL('./fixtures/environments', import.meta.url));
const trigger = { type: 'invoke', source: 'test' } as const;

describe('worker execution environments', () => {
  let runtime: Runtime<VirtualClock>;
  const invoke = (key: string, event: unknown = {}, throttle?: 'reject'): Promise<InvocationRecord> =>
    runtime.functions.get(key)!.invoke(event, trigger, throttle === undefined ? {} : { throttle });

  beforeAll(async () => {
    runtime = await createRuntime({ servicePath, clock: 'virtual', environments: 'worker' });
  }, 60_000);
  afterAll(async () => {
    await runtime?.close();
  });

  it('gives two functions their own process.env, globals and module state, concurrently', async () => {
    const [red, blue] = await Promise.all([invoke('red', { waitMs: 50 }), invoke('blue', { waitMs: 50 })]);
    expect(red.result).toMatchObject({ color: 'red', before: 'red', colorAtInit: 'red', loads: 1 });
    expect(blue.result).toMatchObject({ color: 'blue', before: 'blue', colorAtInit: 'blue', loads: 1 });
    expect(red.environmentKind).toBe('worker');
  });

  it('reuses a warm environment, and starts new ones (cold) for concurrent invocations', async () => {
    const first = await invoke('blue');
    const warm = await invoke('blue');
    expect(warm.coldStart).toBe(false);
    expect(warm.logStreamName).toBe(first.logStreamName);
    expect((warm.result as { served: number }).served).toBe((first.result as { served: number }).served + 1);

    // Three more environments run their Init first, so slow Inits on a loaded machine cannot keep the waits apart.
    await Promise.all([1, 2, 3].map(() => runtime.functions.get('blue')!.prestart()));
    const concurrent = await Promise.all(Array.from({ length: 4 }, () => invoke('blue', { waitMs: 1000 })));
    const streams = new Set(concurrent.map((record) => record.logStreamName));
    expect(streams.size).toBe(4);
    const cold = concurrent.filter((record) => record.coldStart === true);
    expect(cold.length).toBe(3);
    for (const record of cold) expect(record.initDurationMs).toBeGreaterThan(0);
    // The four waits overlap (no process-wide lock): each began before any other ended.
    const spans = concurrent.map((record) => record.result as { began: number; ended: number });
    expect(Math.max(...spans.map((span) => span.began))).toBeLessThan(Math.min(...spans.map((span) => span.ended)));
  });

  it('throttles a synchronous caller beyond reservedConcurrency, and makes a poller wait', async () => {
    const busy = invoke('single', { waitMs: 200 });
    const throttled = await invoke('single', {}, 'reject');
    expect(throttled).toMatchObject({ outcome: 'error', throttled: true, error: { errorType: 'TooManyRequestsException' } });
    const waited = await invoke('single');
    expect((await busy).outcome).toBe('success');
    expect(waited.outcome).toBe('success');
  });

  it('stops an endless handler at its timeout; the next invocation is a cold start', async () => {
    const timedOut = await invoke('endless');
    expect(timedOut.outcome).toBe('timeout');
    expect(timedOut.error?.errorMessage).toBe(`RequestId: ${timedOut.requestId} Error: Task timed out after 1.00 seconds`);
    const next = await invoke('endless');
    expect(next.coldStart).toBe(true);
    expect(next.logStreamName).not.toBe(timedOut.logStreamName);
  });

  it('reports process.exit as Runtime.ExitError and an unhandled rejection as Runtime.UnhandledPromiseRejection', async () => {
    const exited = await invoke('exits');
    expect(exited.error).toMatchObject({ errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${exited.requestId} Error: Runtime exited with error: exit status 3` });
    const rejected = await invoke('rejects');
    expect(rejected.error).toMatchObject({ errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: 'Error: nobody awaited me' });
    expect((await invoke('exits')).coldStart).toBe(true);
  });

  it('limits the heap to memorySize: running out is Runtime.OutOfMemory', async () => {
    const record = await invoke('hog');
    expect(record.error).toMatchObject({ errorType: 'Runtime.OutOfMemory', errorMessage: `RequestId: ${record.requestId} Error: Runtime exited with error: signal: killed` });
  }, 30_000);

  it('lets a handler invoke another function synchronously (Lambda Invoke through its own SDK client)', async () => {
    const record = await invoke('caller', { waitMs: 1 });
    expect(record.error).toBeUndefined();
    expect(record.result).toMatchObject({ status: 200, payload: { color: 'red' } });
  });

  it('shows handlers the runtime\'s virtual clock (Date and getRemainingTimeInMillis)', async () => {
    const at = runtime.clock.now();
    const first = (await invoke('clock')).result as { now: number; iso: string; remaining: number };
    expect(first).toEqual({ now: at, iso: new Date(at).toISOString(), remaining: 6000 });
    runtime.clock.advance(3_600_000);
    const later = (await invoke('clock')).result as { now: number };
    expect(later.now).toBe(at + 3_600_000);
  });
});
