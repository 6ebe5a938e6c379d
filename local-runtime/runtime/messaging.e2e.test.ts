import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { PublishCommand } from '@aws-sdk/client-sns';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime } from './createRuntime';
import { DrainError } from './errors';
import type { Runtime } from './Runtime';
import type { VirtualClock } from '../clock/Clock';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

const SERVERLESS_YML = `
service: msgtest
provider:
  name: aws
  runtime: nodejs20.x
  region: us-east-1
  environment:
    STAGE_NAME: \${sls:stage}
  httpApi:
    cors: true
    authorizers:
      auth:
        identitySource: $request.header.Authorization
        issuerUrl: https://issuer.example.com
        audience:
          - msgtest-api
custom:
  tidepool:
    jwks: jwks.json
functions:
  envProbe:
    handler: env.handler
    environment:
      QUEUE_URL: !Ref WorkQueue
      DLQ_ARN: !GetAtt WorkDlq.Arn
    events:
      - httpApi:
          method: GET
          path: /env
          authorizer:
            name: auth
            scopes: [env:read]
  publish:
    handler: publish.handler
    events:
      - httpApi: 'POST /publish'
  onBigOrder:
    handler: record.handler
    events:
      - eventBridge:
          pattern:
            source: [orders]
            detail-type: [OrderPlaced]
            detail:
              total: [{ numeric: ['>', 100] }]
  worker:
    handler: worker.handler
    events:
      - sqs:
          arn: !GetAtt WorkQueue.Arn
          batchSize: 10
          functionResponseType: ReportBatchItemFailures
  onAlert:
    handler: record.handler
    events:
      - sns: alerts
  flaky:
    handler: fail.handler
    events:
      - eventBridge:
          pattern:
            source: [flaky]
resources:
  Resources:
    WorkQueue:
      Type: AWS::SQS::Queue
      Properties:
        QueueName: work
        RedrivePolicy:
          deadLetterTargetArn: !GetAtt WorkDlq.Arn
          maxReceiveCount: 2
    WorkDlq:
      Type: AWS::SQS::Queue
      Properties:
        QueueName: work-dlq
`;

/** Handlers build their SDK clients from the config the runtime publishes (as lib/aws does). */
const PUBLISH_MJS = `
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SQSClient, SendMessageBatchCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
const config = () => globalThis[Symbol.for('tidepool.aws.clientConfig')];
export const handler = async (event) => {
  const order = JSON.parse(event.body);
  const events = new EventBridgeClient(config().eventbridge);
  const put = await events.send(new PutEventsCommand({ Entries: [
    { Source: 'orders', DetailType: 'OrderPlaced', Detail: JSON.stringify(order) },
  ] }));
  const sqs = new SQSClient(config().sqs);
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'work' }));
  const sent = await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: order.lines.map((line, i) => ({
    Id: String(i), MessageBody: line,
    MessageAttributes: { orderId: { DataType: 'String', StringValue: order.id } },
  })) }));
  return { statusCode: 202, body: JSON.stringify({ failed: put.FailedEntryCount, queued: sent.Successful.length }) };
};
`;
const ENV_MJS = `export const handler = async (event) => ({
  env: { STAGE_NAME: process.env.STAGE_NAME, QUEUE_URL: process.env.QUEUE_URL, DLQ_ARN: process.env.DLQ_ARN },
  sub: event.requestContext.authorizer.jwt.claims.sub,
});`;
const RECORD_MJS = `export const handler = async () => ({ ok: true });`;
const FAIL_MJS = `export const handler = async () => { throw new TypeError('always fails'); };`;
/** Fails every message whose body contains "bad", reporting it as a partial batch failure. */
const WORKER_MJS = `
export const handler = async (event) => ({
  batchItemFailures: event.Records.filter((r) => r.body.includes('bad')).map((r) => ({ itemIdentifier: r.messageId })),
});
`;

describe('outbound messaging, end to end (temporary service)', () => {
  let dir: string;
  let runtime: Runtime<VirtualClock>;
  let signingKey: CryptoKey;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tidepool-messaging-'));
    symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(join(dir, 'serverless.yml'), SERVERLESS_YML);
    writeFileSync(join(dir, 'publish.mjs'), PUBLISH_MJS);
    writeFileSync(join(dir, 'record.mjs'), RECORD_MJS);
    writeFileSync(join(dir, 'env.mjs'), ENV_MJS);
    const keys = await generateKeyPair('RS256', { extractable: true });
    signingKey = keys.privateKey;
    writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys: [{ ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256' }] }));
    writeFileSync(join(dir, 'fail.mjs'), FAIL_MJS);
    writeFileSync(join(dir, 'worker.mjs'), WORKER_MJS);
    runtime = await createRuntime({ servicePath: dir, stage: 'test', clock: 'virtual' });
  }, 60_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('routes PutEvents to the matching eventBridge function and SQS batches to the worker, with a partial batch failure', async () => {
    const response = await runtime.http('POST', '/publish', { id: 'o-1', total: 250, lines: ['ok-1', 'bad-2', 'ok-3'] });
    expect(response.statusCode).toBe(202);
    expect(response.json).toEqual({ failed: 0, queued: 3 });

    await runtime.drain();

    // EventBridge → function, event in the shape EventBridge delivers
    // (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html).
    const big = runtime.invocations('onBigOrder');
    expect(big).toHaveLength(1);
    expect(big[0]!.event).toMatchObject({
      version: '0', source: 'orders', 'detail-type': 'OrderPlaced', account: '000000000000', region: 'us-east-1',
      resources: [], detail: { id: 'o-1', total: 250 },
    });
    expect(runtime.messages('default').map((m) => m.service)).toEqual(['eventbridge']);

    // SQS → function: one batch of 3, then the reported failure alone, then it moves to the DLQ
    // after maxReceiveCount receives (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html).
    const batches = runtime.invocations('worker').map((i) => (i.event as { Records: Array<{ body: string; attributes: Record<string, string> }> }).Records);
    expect(batches.map((records) => records.map((r) => r.body))).toEqual([['ok-1', 'bad-2', 'ok-3'], ['bad-2']]);
    expect(batches[1]![0]!.attributes['ApproximateReceiveCount']).toBe('2');
    const first = batches[0]![0]! as unknown as Record<string, unknown>;
    expect(first).toMatchObject({
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:work',
      awsRegion: 'us-east-1',
      messageAttributes: { orderId: { stringValue: 'o-1', stringListValues: [], binaryListValues: [], dataType: 'String' } },
    });
    expect(first['md5OfBody']).toBe(createHash('md5').update('ok-1').digest('hex'));
    expect(runtime.messages('work').map((m) => m.body)).toEqual(['ok-1', 'bad-2', 'ok-3']);
    expect(runtime.messages('WorkDlq').map((m) => m.body)).toEqual(['bad-2']);
    expect(runtime.messaging.hub.queue('arn:aws:sqs:us-east-1:000000000000:work').messages).toEqual([]);
  });

  it('does not deliver events the pattern rejects', async () => {
    const before = runtime.invocations('onBigOrder').length;
    await runtime.http('POST', '/publish', { id: 'o-2', total: 5, lines: ['ok'] });
    await runtime.drain();
    expect(runtime.invocations('onBigOrder')).toHaveLength(before);
  });

  it('delivers SNS Publish to the subscribed function in the SNS event shape', async () => {
    // https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html
    const topicArn = 'arn:aws:sns:us-east-1:000000000000:alerts';
    const published = await runtime.clients.sns.send(new PublishCommand({
      TopicArn: topicArn, Message: 'disk full', Subject: 'ops',
      MessageAttributes: { level: { DataType: 'String', StringValue: 'high' } },
    }));
    await runtime.drain();
    const [invocation] = runtime.invocations('onAlert');
    expect(invocation!.event).toMatchObject({
      Records: [{
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        Sns: { Type: 'Notification', MessageId: published.MessageId, TopicArn: topicArn, Subject: 'ops', Message: 'disk full',
          MessageAttributes: { level: { Type: 'String', Value: 'high' } } },
      }],
    });
    expect(runtime.messages('alerts')).toHaveLength(1);
  });

  it('rejects an SQS batch of more than 10 entries with AWS.SimpleQueueService.TooManyEntriesInBatchRequest and queues nothing', async () => {
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html
    const before = runtime.messages('work').length;
    const QueueUrl = runtime.resources.ref('WorkQueue')!;
    const entries = Array.from({ length: 11 }, (_, i) => ({ Id: String(i), MessageBody: 'x' }));
    const error = await runtime.clients.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: entries })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TooManyEntriesInBatchRequest', message: 'Maximum number of entries per request are 10. You have sent 11.' });
    expect(runtime.messages('work')).toHaveLength(before);
  });

  it('fails drain() with the failing event once an async invocation used up its two retries', async () => {
    // https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
    const { PutEventsCommand } = await import('@aws-sdk/client-eventbridge');
    await runtime.clients.eventbridge.send(new PutEventsCommand({ Entries: [{ Source: 'flaky', DetailType: 'x', Detail: '{}' }] }));
    const error = await runtime.drain().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DrainError);
    expect((error as DrainError).functionKey).toBe('flaky');
    expect((error as DrainError).batch).toMatchObject({ source: 'flaky' });
    expect(runtime.invocations('flaky').map((i) => i.error?.errorType)).toEqual(['TypeError', 'TypeError', 'TypeError']);
  });

  it('resolves provider and function environment (CloudFormation references included) and checks the JWT authorizer', async () => {
    // https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html and
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
    const denials: unknown[] = [];
    const stop = runtime.httpApi.onDenied((denial) => denials.push(denial));
    expect((await runtime.http('GET', '/env')).statusCode).toBe(401);
    stop();
    // API Gateway's client only sees Unauthorized; the runtime tells the developer why.
    expect(denials).toEqual([{ route: 'GET /env', statusCode: 401, reason: 'no token in the identity source' }]);
    const now = runtime.clock.now() / 1000;
    const token = await new SignJWT({ iss: 'https://issuer.example.com', aud: 'msgtest-api', sub: 'u-1', scope: 'env:read', exp: now + 60 })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .sign(signingKey);
    const response = await runtime.http('GET', '/env', undefined, { authorization: `Bearer ${token}`, origin: 'https://app.example' });
    expect(response.statusCode).toBe(200);
    expect(response.json).toEqual({
      env: { STAGE_NAME: 'test', QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/work', DLQ_ARN: 'arn:aws:sqs:us-east-1:000000000000:work-dlq' },
      sub: 'u-1',
    });
    // provider.httpApi.cors: true → API Gateway adds the CORS headers (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html)
    expect(response.headers['access-control-allow-origin']).toBe('*');
    const preflight = await runtime.http('OPTIONS', '/env', undefined, { origin: 'https://app.example', 'access-control-request-method': 'GET' });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toBe('OPTIONS,GET,POST');
  });

  it('types the clock as a VirtualClock', () => {
    const start = runtime.clock.now();
    runtime.clock.advance(1000);
    expect(runtime.clock.now()).toBe(start + 1000);
  });
});
