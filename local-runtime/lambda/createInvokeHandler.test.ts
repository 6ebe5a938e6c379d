import { describe, expect, it } from 'vitest';
import type { AwsServiceRequest } from '../preload/AwsServiceHandler';
import type { FunctionModel } from '../service/ServiceModel';
import { createInvokeHandler } from './createInvokeHandler';
import { LocalFunction } from './LocalFunction';
import type { InvocationTrigger, LambdaHandler } from './types';

// https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html
const model = (key: string): FunctionModel => ({ key, name: `svc-dev-${key}`, handler: `h.${key}`, timeout: 6, memorySize: 128, environment: {}, events: [] });
const local = (key: string, handler: LambdaHandler) => new LocalFunction({ model: model(key), handler, environment: {}, region: 'us-east-1', accountId: '111122223333' });

function setup() {
  const queued: Array<{ key: string; event: unknown; trigger: InvocationTrigger }> = [];
  const functions = new Map<string, LocalFunction>();
  functions.set('echo', local('echo', async (event) => ({ got: event })));
  const invoke = createInvokeHandler({ functions, region: 'us-east-1', accountId: '111122223333', enqueue: (key, event, trigger) => queued.push({ key, event, trigger }) });
  const call = (name: string, body: string, headers: Record<string, string> = {}, method = 'POST', suffix = '/invocations') =>
    invoke({ method, path: `/2015-03-31/functions/${encodeURIComponent(name)}${suffix}`, headers, body: Buffer.from(body), caller: 'tester' } satisfies AwsServiceRequest);
  return { functions, queued, call };
}

describe('createInvokeHandler', () => {
  it.each(['svc-dev-echo', 'svc-dev-echo:$LATEST', '111122223333:function:svc-dev-echo', 'arn:aws:lambda:us-east-1:111122223333:function:svc-dev-echo'])(
    'invokes a function named %s',
    async (name) => {
      const reply = await setup().call(name, '{"a":1}');
      expect(reply.statusCode).toBe(200);
      expect(reply.headers['x-amz-executed-version']).toBe('$LATEST');
      expect(JSON.parse(String(reply.body))).toEqual({ got: { a: 1 } });
    },
  );

  it('queues an Event invocation (202) and answers a DryRun with 204 without running', async () => {
    const { call, queued } = setup();
    expect((await call('svc-dev-echo', '{"x":2}', { 'x-amz-invocation-type': 'Event' })).statusCode).toBe(202);
    expect((await call('svc-dev-echo', '{}', { 'x-amz-invocation-type': 'DryRun' })).statusCode).toBe(204);
    expect(queued).toEqual([{ key: 'echo', event: { x: 2 }, trigger: { type: 'invoke', source: 'Invoke from tester' } }]);
  });

  it('names the function ARN (with its qualifier) when it does not exist', async () => {
    const reply = await setup().call('missing', '{}', {}, 'POST', '/invocations?Qualifier=live');
    expect(reply.statusCode).toBe(404);
    expect(reply.headers['x-amzn-errortype']).toBe('ResourceNotFoundException');
    expect(JSON.parse(String(reply.body))).toEqual({ Type: 'User', message: 'Function not found: arn:aws:lambda:us-east-1:111122223333:function:missing:live' });
  });

  it('refuses a payload that is not JSON and an unknown invocation type', async () => {
    const { call } = setup();
    const bad = await call('svc-dev-echo', '{nope');
    expect([bad.statusCode, bad.headers['x-amzn-errortype']]).toEqual([400, 'InvalidRequestContentException']);
    const type = await call('svc-dev-echo', '{}', { 'x-amz-invocation-type': 'Later' });
    expect([type.statusCode, type.headers['x-amzn-errortype']]).toEqual([400, 'InvalidParameterValueException']);
  });

  it('refuses other Lambda operations as not emulated, naming them', async () => {
    const reply = await setup().call('svc-dev-echo', '', {}, 'GET', '');
    expect(reply.statusCode).toBe(400);
    expect(JSON.parse(String(reply.body)).message).toContain('AWS Lambda GET /2015-03-31/functions/svc-dev-echo called by function "tester" is not emulated');
  });

  it('runs a synchronous Invoke from a running function at once instead of waiting for it (no deadlock)', async () => {
    const { functions } = setup();
    const invoke = createInvokeHandler({ functions, region: 'us-east-1', accountId: '111122223333', enqueue: () => undefined });
    functions.set('caller', local('caller', async () => {
      // This invocation holds the invocation mutex while it waits for the inner one.
      const reply = await invoke({ method: 'POST', path: '/2015-03-31/functions/svc-dev-echo/invocations', headers: {}, body: Buffer.from('{"n":1}'), caller: 'caller' });
      return JSON.parse(String(reply.body));
    }));
    const record = await functions.get('caller')!.invoke({}, { type: 'invoke', source: 'test' });
    expect(record.result).toEqual({ got: { n: 1 } });
  });

  it('answers 429 TooManyRequestsException when the function has no concurrency left', async () => {
    // https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html#API_Invoke_Errors
    const { functions, call } = setup();
    functions.set('capped', new LocalFunction({ model: { ...model('capped'), config: { reservedConcurrency: 0 } }, handler: async () => 'never', environment: {}, region: 'us-east-1', accountId: '111122223333' }));
    const reply = await call('svc-dev-capped', '{}');
    expect(reply.statusCode).toBe(429);
    expect(JSON.parse(String(reply.body))).toMatchObject({ Type: 'User', message: 'Rate Exceeded.' });
  });

  it('refuses a RequestResponse payload over 6 MB with 413 RequestEntityTooLargeException', async () => {
    // https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html (6 MB synchronous payload)
    const reply = await setup().call('svc-dev-echo', JSON.stringify({ big: 'x'.repeat(6 * 1024 * 1024) }));
    expect(reply.statusCode).toBe(413);
    expect(reply.headers['x-amzn-errortype']).toBe('RequestEntityTooLargeException');
    expect(JSON.parse(String(reply.body))).toMatchObject({ message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation' });
  });
});
