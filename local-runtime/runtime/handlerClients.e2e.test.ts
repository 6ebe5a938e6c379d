import { fileURLToPath } from 'node:url';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualClock } from '../clock/Clock';
import type { InvocationRecord } from '../lambda/types';
import type { AwsRefusal } from '../preload/AwsEndpointServer';
import { createRuntime } from './createRuntime';
import type { Runtime } from './Runtime';

/**
 * End to end through createRuntime on fixtures/handler-clients: handlers that build their own AWS
 * SDK clients (v3 at module scope, aws-sdk v2 per call) with no endpoint, region or credentials
 * reach the runtime's own table, queue, topic and functions; a call to S3 is refused at once.
 */
const servicePath = fileURLToPath(new URL('./fixtures/handler-clients', import.meta.url));
const trigger = { type: 'invoke', source: 'test' } as const;

describe('handler code with its own SDK clients, end to end', () => {
  let runtime: Runtime<VirtualClock>;
  const refused: AwsRefusal[] = [];

  beforeAll(async () => {
    runtime = await createRuntime({ servicePath, clock: 'virtual', onAwsRefused: (refusal) => refused.push(refusal) });
  });
  afterAll(async () => {
    await runtime?.close();
  });

  async function invoke(key: string, event: unknown = {}): Promise<InvocationRecord> {
    const record = await runtime.functions.get(key)!.invoke(event, trigger);
    return record;
  }

  function ok(record: InvocationRecord): unknown {
    expect(record.error, JSON.stringify(record.error)).toBeUndefined();
    return record.result;
  }

  it('an SDK v3 client made at module scope with no configuration writes and reads the runtime table', async () => {
    expect(ok(await invoke('v3Put', { id: 'a' }))).toEqual({ stored: 'a' });
    const stored = await runtime.clients.document.send(new GetCommand({ TableName: 'clients-items', Key: { id: 'a' } }));
    expect(stored.Item).toEqual({ id: 'a', via: 'v3' });
    expect(ok(await invoke('v3Get', { id: 'a' }))).toEqual({ id: 'a', via: 'v3' });
  });

  it('an aws-sdk v2 DocumentClient with no configuration writes and reads the runtime table', async () => {
    expect(ok(await invoke('v2Put', { id: 'b' }))).toEqual({ stored: 'b' });
    const stored = await runtime.clients.document.send(new GetCommand({ TableName: 'clients-items', Key: { id: 'b' } }));
    expect(stored.Item).toEqual({ id: 'b', via: 'v2' });
    await runtime.clients.document.send(new PutCommand({ TableName: 'clients-items', Item: { id: 'c', via: 'test' } }));
    expect(ok(await invoke('v2Get', { id: 'c' }))).toEqual({ id: 'c', via: 'test' });
  });

  it('a DynamoDB Streams client reaches the runtime streams', async () => {
    expect(ok(await invoke('streams'))).toEqual(['clients-items']);
  });

  it('a message sent to SQS lands in the runtime queue (and its consumer gets it); an SNS publish reaches the topic', async () => {
    const result = ok(await invoke('enqueue', { job: 42 })) as { messageId: string };
    expect(runtime.messages('JobsQueue').map((m) => m.body)).toEqual([JSON.stringify({ job: 42 })]);
    expect(runtime.messages('AlertsTopic').map((m) => m.body)).toEqual([`queued ${result.messageId}`]);
    await runtime.drain();
    expect(runtime.invocations('worker').map((r) => r.result)).toEqual([{ bodies: [JSON.stringify({ job: 42 })] }]);
  });

  it('an aws-sdk v2 SQS client sends to the runtime queue', async () => {
    const before = runtime.messages('JobsQueue').length;
    ok(await invoke('v2Send', { v2: true }));
    expect(runtime.messages('JobsQueue').slice(before).map((m) => m.body)).toEqual([JSON.stringify({ v2: true })]);
  });

  // https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
  it('STS GetCallerIdentity names the local account and the function session of its role', async () => {
    expect(ok(await invoke('whoami'))).toEqual({ Account: '000000000000', Arn: 'arn:aws:sts::000000000000:assumed-role/clients-dev-eu-west-1-lambdaRole/clients-dev-whoami' });
  });

  it('a call to S3 fails at once, naming S3, the operation and the function, and is never retried', async () => {
    const record = await invoke('readReport');
    expect(record.outcome).toBe('error');
    expect(record.error?.errorType).toBe('TidepoolServiceNotEmulated');
    expect(record.error?.errorMessage).toContain('Amazon S3 GetObject called by function "readReport" is not emulated by Tidepool');
    expect(record.error?.errorMessage).toContain('a local run never sends requests to AWS');
    // One request reached the endpoint: the SDK took the 400 as final.
    expect(refused.map((r) => [r.service, r.operation, r.caller])).toEqual([['s3', 'GetObject', 'readReport']]);
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html
  it('Lambda Invoke from one handler reaches another: RequestResponse, a function error, Event, an unknown function', async () => {
    const result = ok(await invoke('invoker', { n: 7 }));
    expect(result).toEqual({
      sync: { status: 200, payload: { echo: { from: 'invoker', n: 7 }, env: 'clients-dev-echo' }, functionError: null },
      failed: { functionError: 'Unhandled', payload: expect.objectContaining({ errorType: 'RangeError', errorMessage: 'boom went the function' }) },
      queued: { status: 202 },
      missing: {
        name: 'ResourceNotFoundException',
        message: 'Function not found: arn:aws:lambda:eu-west-1:000000000000:function:no-such-function',
        status: 404,
      },
    });
    expect(runtime.invocations('echo').map((r) => r.trigger.source)).toEqual(['Invoke from invoker']);
    await runtime.drain();
    expect(runtime.invocations('echo').map((r) => (r.result as { echo: unknown }).echo)).toEqual([{ from: 'invoker', n: 7 }, { later: true }]);
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
  it("gives the handler Lambda's runtime environment, with dummy credentials", async () => {
    const { env, offsetMinutes } = ok(await invoke('env')) as { env: Record<string, string | null>; offsetMinutes: number };
    expect(env).toMatchObject({
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_LAMBDA_FUNCTION_NAME: 'clients-dev-env',
      LAMBDA_TASK_ROOT: servicePath,
      LAMBDA_RUNTIME_DIR: '/var/runtime',
      TZ: ':UTC',
      AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1',
      TABLE: 'clients-items',
    });
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) expect(env[name], name).toMatch(/tidepool|TIDEPOOL/);
    expect(env._X_AMZN_TRACE_ID).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
    expect(offsetMinutes).toBe(0);
  });

  it('with two runtimes open, each handler reaches its own runtime (the module-scope client is shared)', async () => {
    const other = await createRuntime({ servicePath, clock: 'virtual' });
    try {
      ok(await other.functions.get('v3Put')!.invoke({ id: 'only-in-other' }, trigger));
      expect(ok(await other.functions.get('v3Get')!.invoke({ id: 'only-in-other' }, trigger))).toEqual({ id: 'only-in-other', via: 'v3' });
      // The first runtime, created earlier (its guard is no longer the latest), does not see it.
      expect(ok(await invoke('v3Get', { id: 'only-in-other' }))).toBeNull();
    } finally {
      await other.close();
    }
    // Closing the later runtime leaves the first one's redirection in place.
    expect(ok(await invoke('v3Get', { id: 'a' }))).toEqual({ id: 'a', via: 'v3' });
  });
});

describe('handler code with its own SDK clients, bundled as deployed', () => {
  it('an esbuild bundle (aws-sdk v2 inlined, SDK v3 external) reaches the runtime table', async () => {
    const runtime = await createRuntime({ servicePath, clock: 'virtual', handlers: 'bundle' });
    try {
      const put = await runtime.functions.get('v2Put')!.invoke({ id: 'bundled' }, trigger);
      expect(put.error).toBeUndefined();
      const get = await runtime.functions.get('v3Get')!.invoke({ id: 'bundled' }, trigger);
      expect(get.result).toEqual({ id: 'bundled', via: 'v2' });
    } finally {
      await runtime.close();
    }
  });
});
