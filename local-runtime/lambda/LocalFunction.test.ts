import { describe, expect, it } from 'vitest';
import type { FunctionModel } from '../service/ServiceModel';
import { LocalFunction } from './LocalFunction';
import type { InvocationRecord, LambdaContext, LambdaHandler } from './types';

const model: FunctionModel = {
  key: 'createOrder',
  name: 'tidepool-dev-createOrder',
  handler: 'functions/orders/createOrder.handler',
  timeout: 6,
  memorySize: 512,
  environment: {},
  events: [],
};
const trigger = { type: 'invoke', source: 'test' };

function fn(handler: LambdaHandler, overrides: Partial<FunctionModel> = {}, environment: Record<string, string> = {}): LocalFunction {
  return new LocalFunction({ model: { ...model, ...overrides }, handler, environment, region: 'eu-west-1', accountId: '123456789012' });
}

describe('LocalFunction', () => {
  it('passes a context object like Lambda\'s', async () => {
    // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html
    let seen: LambdaContext | undefined;
    const record = await fn(async (_event, context) => {
      seen = context;
      return context.getRemainingTimeInMillis();
    }).invoke({}, trigger);

    expect(seen).toMatchObject({
      awsRequestId: record.requestId,
      functionName: 'tidepool-dev-createOrder',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:tidepool-dev-createOrder',
      memoryLimitInMB: '512',
      logGroupName: '/aws/lambda/tidepool-dev-createOrder',
      callbackWaitsForEmptyEventLoop: true,
    });
    expect(seen).toHaveProperty('identity', undefined);
    expect(seen).toHaveProperty('clientContext', undefined);
    expect(seen?.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(record.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(record.result).toBeGreaterThan(0);
    expect(record.result).toBeLessThanOrEqual(6000);
  });

  it('returns a success record with the JSON-serialised result', async () => {
    const record = await fn(async (event) => ({ echo: event, at: new Date(0) })).invoke({ a: 1 }, { type: 'httpApi', source: 'POST /orders' });

    expect(record).toMatchObject({
      functionKey: 'createOrder',
      functionName: 'tidepool-dev-createOrder',
      trigger: { type: 'httpApi', source: 'POST /orders' },
      outcome: 'success',
      result: { echo: { a: 1 }, at: '1970-01-01T00:00:00.000Z' },
      event: { a: 1 },
    });
    expect(record.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('reports a thrown error as Lambda does (errorType, errorMessage, trace)', async () => {
    // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html
    class ValidationError extends Error {
      override name = 'ValidationError';
    }
    const record = await fn(async () => {
      throw new ValidationError('bad input');
    }).invoke({}, trigger);

    expect(record.outcome).toBe('error');
    expect(record.error?.errorType).toBe('ValidationError');
    expect(record.error?.errorMessage).toBe('bad input');
    expect(record.error?.trace?.[0]).toBe('ValidationError: bad input');
  });

  it.each([
    ['a string', 'boom', { errorType: 'string', errorMessage: 'boom', trace: [] }],
    ['a number', 42, { errorType: 'number', errorMessage: '42', trace: [] }],
    ['a plain object', { code: 1 }, { errorType: 'object', errorMessage: '[object Object]', trace: [] }],
    ['an error-like object', { name: 'Custom', message: 'odd', stack: 'Custom: odd\n    at x' }, { errorType: 'Custom', errorMessage: 'odd', trace: ['Custom: odd', '    at x'] }],
  ])('reports a rejection with %s as the Node.js runtime does', async (_what, thrown, expected) => {
    // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html (the runtime interface
    // client reports non-Error values as `typeof value` with no trace)
    const record = await fn(async () => {
      throw thrown;
    }).invoke({}, trigger);

    expect(record.outcome).toBe('error');
    expect(record.error).toEqual(expected);
  });

  it('counts getRemainingTimeInMillis down from the configured timeout', async () => {
    // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html
    const record = await fn(async (_e, context) => [context.getRemainingTimeInMillis(), context.getRemainingTimeInMillis()], { timeout: 30 }).invoke({}, trigger);

    const [first, second] = record.result as [number, number];
    expect(first).toBeLessThanOrEqual(30_000);
    expect(first).toBeGreaterThan(29_000);
    expect(second).toBeLessThanOrEqual(first);
  });

  it('ends a handler that outlives its timeout with Sandbox.Timedout', async () => {
    // https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html#troubleshooting-timeouts
    const record = await fn(() => new Promise(() => undefined), { timeout: 0.02 }).invoke({}, trigger);

    expect(record.outcome).toBe('timeout');
    expect(record.error).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${record.requestId} Error: Task timed out after 0.02 seconds`,
    });
  });

  it('sets Lambda\'s reserved variables and the function environment only during the invocation', async () => {
    // https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
    delete process.env.TABLE_NAME;
    const record = await fn(async () => ({
      table: process.env.TABLE_NAME,
      region: process.env.AWS_REGION,
      defaultRegion: process.env.AWS_DEFAULT_REGION,
      name: process.env.AWS_LAMBDA_FUNCTION_NAME,
      memory: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      version: process.env.AWS_LAMBDA_FUNCTION_VERSION,
      logGroup: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    }), {}, { TABLE_NAME: 'orders', AWS_REGION: 'us-east-1' }).invoke({}, trigger);

    expect(record.result).toEqual({
      table: 'orders',
      region: 'eu-west-1',
      defaultRegion: 'eu-west-1',
      name: 'tidepool-dev-createOrder',
      memory: '512',
      version: '$LATEST',
      logGroup: '/aws/lambda/tidepool-dev-createOrder',
    });
    expect(process.env.TABLE_NAME).toBeUndefined();
  });

  it('gives concurrent invocations each its own process.env (they interleave)', async () => {
    const handler: LambdaHandler = async () => {
      const before = process.env.WHO;
      await Promise.resolve();
      await new Promise((resolve) => setImmediate(resolve));
      return [before, process.env.WHO];
    };
    const [a, b] = await Promise.all([
      fn(handler, {}, { WHO: 'a' }).invoke({}, trigger),
      fn(handler, {}, { WHO: 'b' }).invoke({}, trigger),
    ]);

    expect(a.result).toEqual(['a', 'a']);
    expect(b.result).toEqual(['b', 'b']);
  });

  it('supports the legacy context.succeed / context.fail', async () => {
    const ok = await fn((_event, context) => {
      context.succeed({ legacy: true });
      return new Promise(() => undefined);
    }).invoke({}, trigger);
    const failed = await fn((_event, context) => {
      context.fail(new Error('nope'));
      return new Promise(() => undefined);
    }).invoke({}, trigger);

    expect(ok).toMatchObject({ outcome: 'success', result: { legacy: true } });
    expect(failed).toMatchObject({ outcome: 'error', error: { errorMessage: 'nope' } });
  });

  it('gives the handler its own copy of the event and returns null for undefined', async () => {
    const event = { items: [1] };
    const record = await fn(async (e) => {
      (e as { items: number[] }).items.push(2);
    }).invoke(event, trigger);

    expect(event.items).toEqual([1]);
    expect(record.result).toBeNull();
  });

  it('emits every record to onInvocation listeners until unsubscribed', async () => {
    const local = fn(async () => 'ok');
    const seen: InvocationRecord[] = [];
    const unsubscribe = local.onInvocation((r) => seen.push(r));

    const first = await local.invoke({}, trigger);
    unsubscribe();
    await local.invoke({}, trigger);

    expect(seen).toEqual([first]);
  });
});

describe('LocalFunction and the AWS request guard', () => {
  it('runs each invocation as the work of its function (currentCaller), inside the scopes added', async () => {
    const { currentCaller } = await import('../preload/callerContext');
    const order: string[] = [];
    const f = fn(async () => {
      await Promise.resolve();
      order.push(`handler:${currentCaller()}`);
      return currentCaller();
    });
    f.addScope((task) => {
      order.push('outer');
      return task();
    });
    f.addScope((task) => {
      order.push('inner');
      return task();
    });
    const record = await f.invoke({}, trigger);
    expect(record.result).toBe('createOrder');
    expect(order).toEqual(['outer', 'inner', 'handler:createOrder']);
    expect(currentCaller()).toBeUndefined();
  });

  it('tells whether an invocation is running', async () => {
    let during: boolean | undefined;
    const f: LocalFunction = fn(async () => {
      during = f.running;
    });
    await f.invoke({}, trigger);
    expect([during, f.running]).toEqual([true, false]);
  });

  it('runs concurrent invocations at once, each with its own process.env (no process-wide lock)', async () => {
    // https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html: one environment per concurrent invocation.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let waiting = 0;
    const handler: LambdaHandler = async () => {
      waiting += 1;
      if (waiting === 2) release();
      await gate;
      return process.env.TIDEPOOL_TEST_COLOR;
    };
    const red = fn(handler, { key: 'red', name: 'red' }, { TIDEPOOL_TEST_COLOR: 'red' });
    const blue = fn(handler, { key: 'blue', name: 'blue' }, { TIDEPOOL_TEST_COLOR: 'blue' });
    // Both handlers are waiting at the same time: with a lock, the first would wait for the second forever.
    const [a, b] = await Promise.all([red.invoke({}, trigger), blue.invoke({}, trigger)]);
    expect([a.result, b.result]).toEqual(['red', 'blue']);
    expect(process.env.TIDEPOOL_TEST_COLOR).toBeUndefined();
  });

  it('reuses a warm environment and starts a new one (cold) for a concurrent invocation', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const f = fn(async (event) => {
      if ((event as { wait?: boolean }).wait === true) await gate;
      return null;
    });
    const first = await f.invoke({}, trigger);
    const busy = f.invoke({ wait: true }, trigger);
    const concurrent = await f.invoke({}, trigger);
    release();
    const warm = await busy;
    expect(first).toMatchObject({ coldStart: true, environmentKind: 'in-process' });
    expect(warm).toMatchObject({ coldStart: false, logStreamName: first.logStreamName });
    expect(concurrent.coldStart).toBe(true);
    expect(concurrent.logStreamName).not.toBe(first.logStreamName);
    expect(f.environments).toBe(2);
  });

  it('throttles beyond reservedConcurrency: TooManyRequestsException for a synchronous caller, a wait for a poller', async () => {
    // https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const f = fn(async (event) => {
      if ((event as { wait?: boolean }).wait === true) await gate;
      return 'done';
    }, { config: { reservedConcurrency: 1 } });
    const busy = f.invoke({ wait: true }, trigger);
    const throttled = await f.invoke({}, trigger, { throttle: 'reject' });
    expect(throttled).toMatchObject({ outcome: 'error', throttled: true, error: { errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.' } });
    const queued = f.invoke({}, trigger);
    release();
    expect((await busy).result).toBe('done');
    expect((await queued).result).toBe('done');
  });
});
