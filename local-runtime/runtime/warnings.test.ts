import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetQueueUrlCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture } from '../service/fixtures/copyFixture';
import { FIXTURE_PLUGINS, FIXTURE_WARNINGS } from '../service/fixtures/notEmulatedFixture';
import { formatWarning } from '../service/ServiceWarning';
import { createRuntime } from './createRuntime';
import { ServiceConfigError } from './errors';
import type { Runtime } from './Runtime';

describe('createRuntime on a service using one of each thing that is not emulated', () => {
  const dir = copyFixture('not-emulated', FIXTURE_PLUGINS);
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await createRuntime({ servicePath: dir, stage: 'dev' });
  });
  afterAll(async () => {
    await runtime?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs, and its warnings are the service warnings plus the sqs event on a queue of another stack', () => {
    expect(runtime.warnings.map(formatWarning)).toEqual([
      ...FIXTURE_WARNINGS,
      'functions.consume.events[1].sqs: queue arn:aws:sqs:us-east-1:123456789012:elsewhere is not a queue of this service: there is no local queue, so the function never receives its messages',
    ]);
    expect(runtime.httpApi.routes.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /hello']);
    expect(runtime.mappings).toEqual([]); // neither the Kinesis stream nor the other stack's table is consumed
  });

  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucket.html#aws-resource-s3-bucket-return-values
  it('resolves a Ref to a bucket (not emulated) to a placeholder bucket name instead of refusing to start', async () => {
    const bucket = runtime.resources.get('Uploads')!;
    expect(bucket.ref).toMatch(/^not-emulated-dev-uploads-[0-9a-f]{12}$/);
    expect(bucket.attributes['Arn']).toBe(`arn:aws:s3:::${bucket.ref}`);
    const response = await runtime.http('GET', '/hello');
    expect(response.body).toBe(`uploads bucket: ${bucket.ref}`);
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html — for SQS, a message that
  // matches no filter is deleted; https://docs.aws.amazon.com/lambda/latest/dg/with-sqs-filtering.html — the
  // pattern's `body` is matched against the JSON body.
  it('honours sqs filterPatterns: only matching messages reach the handler, the others are deleted from the queue', async () => {
    const { QueueUrl } = await runtime.clients.sqs.send(new GetQueueUrlCommand({ QueueName: runtime.resources.get('Jobs')!.attributes['QueueName']! }));
    await runtime.clients.sqs.send(new SendMessageBatchCommand({
      QueueUrl,
      Entries: [
        { Id: '1', MessageBody: JSON.stringify({ kind: 'job', n: 1 }) },
        { Id: '2', MessageBody: JSON.stringify({ kind: 'other', n: 2 }) },
        { Id: '3', MessageBody: 'job' },
        { Id: '4', MessageBody: JSON.stringify({ kind: 'job', n: 4 }) },
      ],
    }));

    await runtime.drain();

    const received = runtime.invocations('consume').flatMap((i) => (i.result as { received: string[] }).received);
    expect(received).toEqual([JSON.stringify({ kind: 'job', n: 1 }), JSON.stringify({ kind: 'job', n: 4 })]);
    expect(runtime.messaging.hub.queue(QueueUrl).messages).toEqual([]);
  });

  it('still delivers an eventBridge event whose pattern matches (inputPath is only a warning)', async () => {
    const before = runtime.invocations('consume').length;
    await runtime.clients.eventbridge.send(new PutEventsCommand({ Entries: [{ Source: 'app', DetailType: 'Ping', Detail: '{"x":1}' }] }));
    await runtime.drain();
    expect(runtime.invocations('consume')).toHaveLength(before + 1);
  });
});

describe('createRuntime on a service that cannot run locally', () => {
  it('names the service file, the function and the reference when a Ref has no local value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tidepool-badref-'));
    try {
      writeFileSync(join(dir, 'h.js'), 'exports.handler = async () => 1;\n');
      writeFileSync(join(dir, 'serverless.yml'), [
        'service: badref',
        'provider: { name: aws, runtime: nodejs20.x }',
        'functions:',
        '  run:',
        '    handler: h.handler',
        '    environment: { MACHINE: !Ref Flow }',
        'resources:',
        '  Resources:',
        '    Flow: { Type: AWS::StepFunctions::StateMachine, Properties: { DefinitionString: "{}", RoleArn: arn:aws:iam::1:role/r } }',
      ].join('\n'));
      const error = await createRuntime({ servicePath: dir }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceConfigError);
      expect((error as ServiceConfigError).message).toContain(`${join(dir, 'serverless.yml')} cannot be run locally:`);
      expect((error as ServiceConfigError).problems).toEqual([expect.stringContaining('Ref "Flow" at functions.run.environment.MACHINE refers to nothing known locally')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
