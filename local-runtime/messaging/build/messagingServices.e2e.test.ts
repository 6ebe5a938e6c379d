import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PublishCommand } from '@aws-sdk/client-sns';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualClock } from '../../clock/Clock';
import { createRuntime } from '../../runtime/createRuntime';
import type { Runtime } from '../../runtime/Runtime';

const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

const SERVERLESS_YML = `
service: fanout
provider:
  name: aws
  runtime: nodejs20.x
  region: us-east-1
functions:
  bigOrders:
    handler: record.handler
    events:
      - sqs: { arn: !GetAtt BigOrders.Arn }
  euOrders:
    handler: record.handler
    events:
      - sqs: { arn: !GetAtt EuOrders.Arn }
  tick:
    handler: record.handler
    events:
      - schedule:
          rate: rate(5 minutes)
          input: { job: cleanup }
      - schedule: cron(0 12 * * ? *)
      - schedule:
          rate: rate(1 minute)
          enabled: false
  shipped:
    handler: record.handler
    events:
      - eventBridge:
          pattern: { source: [shop] }
          inputTransformer:
            inputPathsMap: { id: $.detail.id }
            inputTemplate: '{"orderId": <id>}'
resources:
  Resources:
    Orders:
      Type: AWS::SNS::Topic
      Properties: { TopicName: orders }
    BigOrders:
      Type: AWS::SQS::Queue
      Properties: { QueueName: big-orders }
    EuOrders:
      Type: AWS::SQS::Queue
      Properties: { QueueName: eu-orders }
    Reports:
      Type: AWS::SQS::Queue
      Properties: { QueueName: reports }
    BigSubscription:
      Type: AWS::SNS::Subscription
      Properties:
        TopicArn: !Ref Orders
        Protocol: sqs
        Endpoint: !GetAtt BigOrders.Arn
        FilterPolicy: { total: [{ numeric: ['>=', 100] }] }
    EuSubscription:
      Type: AWS::SNS::Subscription
      Properties:
        TopicArn: !Ref Orders
        Protocol: sqs
        Endpoint: !GetAtt EuOrders.Arn
        RawMessageDelivery: true
        FilterPolicyScope: MessageBody
        FilterPolicy: { region: [{ prefix: eu- }] }
    NightlyReport:
      Type: AWS::Scheduler::Schedule
      Properties:
        ScheduleExpression: cron(0 2 * * ? *)
        FlexibleTimeWindow: { Mode: 'OFF' }
        Target: { Arn: !GetAtt Reports.Arn, RoleArn: arn:aws:iam::000000000000:role/x, Input: '{"report":"nightly"}' }
    ArchiveRule:
      Type: AWS::Events::Rule
      Properties:
        EventPattern: { source: [shop], detail-type: [Archived] }
        Targets:
          - Id: reports
            Arn: !GetAtt Reports.Arn
            InputPath: $.detail
`;

describe('SNS → SQS → Lambda fan-out, rules and schedules from serverless.yml', () => {
  let dir: string;
  let runtime: Runtime<VirtualClock>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tidepool-fanout-'));
    symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(join(dir, 'serverless.yml'), SERVERLESS_YML);
    writeFileSync(join(dir, 'record.mjs'), 'export const handler = async () => ({ ok: true });');
    runtime = await createRuntime({ servicePath: dir, stage: 'test', clock: 'virtual' });
  }, 60_000);

  afterAll(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // https://docs.aws.amazon.com/sns/latest/dg/sns-message-filtering.html and
  // https://docs.aws.amazon.com/sns/latest/dg/sns-sqs-as-subscriber.html
  it('fans a topic out to two queues by their filter policies, each queue invoking its function', async () => {
    const publish = (message: object, total: number) => runtime.clients.sns.send(new PublishCommand({
      TopicArn: 'arn:aws:sns:us-east-1:000000000000:orders',
      Message: JSON.stringify(message),
      MessageAttributes: { total: { DataType: 'Number', StringValue: String(total) } },
    }));
    await publish({ id: 'a', region: 'eu-west-1' }, 500);
    await publish({ id: 'b', region: 'us-east-1' }, 20);
    await publish({ id: 'c', region: 'eu-north-1' }, 5);
    await runtime.drain();
    const bodies = (key: string) => runtime.invocations(key).flatMap((i) => (i.event as { Records: Array<{ body: string }> }).Records.map((r) => r.body));
    // The envelope (no RawMessageDelivery) carries the message and its attributes.
    const big = bodies('bigOrders').map((b) => JSON.parse(b) as Record<string, unknown>);
    expect(big).toEqual([expect.objectContaining({ Type: 'Notification', Message: '{"id":"a","region":"eu-west-1"}', MessageAttributes: { total: { Type: 'Number', Value: '500' } } })]);
    expect(Object.keys(big[0]!).sort()).toEqual(['Message', 'MessageAttributes', 'MessageId', 'Signature', 'SignatureVersion', 'SigningCertURL', 'Timestamp', 'TopicArn', 'Type', 'UnsubscribeURL']);
    // Raw delivery: the message itself.
    expect(bodies('euOrders').map((b) => (JSON.parse(b) as { id: string }).id)).toEqual(['a', 'c']);
  });

  // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
  it('fires every schedule that fell due on the virtual clock, in time order, with its input', async () => {
    const start = runtime.clock.now(); // 2026-01-01T00:00:00Z
    expect(start).toBe(Date.UTC(2026, 0, 1));
    runtime.clock.advance(15 * 60_000);
    await runtime.drain();
    const ticks = runtime.invocations('tick');
    expect(ticks.map((t) => t.event)).toEqual([{ job: 'cleanup' }, { job: 'cleanup' }, { job: 'cleanup' }]);
    runtime.clock.advance(12 * 3_600_000 - 15 * 60_000);
    await runtime.drain();
    const events = runtime.invocations('tick').slice(3).map((t) => t.event as Record<string, unknown>);
    // The five-minute ticks from 00:20 to 12:00 (141) and the noon cron.
    expect(events).toHaveLength(141 + 1);
    const scheduled = events.find((e) => e['detail-type'] === 'Scheduled Event')!;
    expect(scheduled).toMatchObject({ version: '0', source: 'aws.events', account: '000000000000', region: 'us-east-1', time: '2026-01-01T12:00:00Z', detail: {} });
    expect(scheduled['resources']).toEqual([expect.stringMatching(/^arn:aws:events:us-east-1:000000000000:rule\/fanout-test-tick-schedule-2$/)]);
    // The Scheduler schedule's cron(0 2 * * ? *): 02:00 on Jan 1 (passed above), then on Jan 2.
    const reports = () => runtime.messaging.hub.queue('arn:aws:sqs:us-east-1:000000000000:reports').messages.map((m) => [m.body, new Date(m.sentTimestamp).toISOString()]);
    expect(reports()).toEqual([['{"report":"nightly"}', '2026-01-01T12:00:00.000Z']]);
    runtime.clock.advance(14 * 3_600_000);
    await runtime.drain();
    expect(reports()).toHaveLength(2);
  });

  // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
  it('delivers events to function targets through inputTransformer and to queue targets through InputPath', async () => {
    await runtime.clients.eventbridge.send(new PutEventsCommand({ Entries: [
      { Source: 'shop', DetailType: 'Shipped', Detail: '{"id":"o-7"}' },
      { Source: 'shop', DetailType: 'Archived', Detail: '{"id":"o-8"}' },
    ] }));
    await runtime.drain();
    expect(runtime.invocations('shipped').map((i) => i.event)).toEqual([{ orderId: 'o-7' }, { orderId: 'o-8' }]);
    expect(runtime.messages('Reports').map((m) => m.body).at(-1)).toBe('{"id":"o-8"}');
  });
});
