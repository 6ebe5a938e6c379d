import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { restService } from '../rest-api/testing/restService';
import type { FunctionEventModel } from '../service/ServiceModel';
import { sampleEvent } from './sampleEvent';
import { runCli } from './testing/runCli';

const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);
const service = restService({
  getUser: [{ http: 'GET users/{id}' }, { httpApi: 'GET /v2/users/{id}' }],
  legacy: [{ http: { method: 'post', path: 'legacy', integration: 'lambda' } }],
  consume: [
    { stream: { arn: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000' } },
    { sqs: { arn: { 'Fn::GetAtt': ['Jobs', 'Arn'] } } },
    { sns: 'alerts' },
    { eventBridge: { pattern: { source: ['shop.orders'], 'detail-type': ['OrderPlaced'] } } },
    { schedule: 'rate(5 minutes)' },
  ] as FunctionEventModel[],
});
service.resources = { Jobs: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'jobs' } } };

describe('sample events (tidepool generate-event)', () => {
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
  it('REST: the payload 1.0 event of the route, with path parameters from --path', () => {
    const event = sampleEvent(service, 'getUser', { path: '/users/42', headers: { Accept: 'application/json' }, nowMs: NOW }) as any;
    expect(event).toMatchObject({ resource: '/users/{id}', path: '/users/42', httpMethod: 'GET', pathParameters: { id: '42' }, headers: { Accept: 'application/json' } });
    expect(event.requestContext).toMatchObject({ stage: 'dev', path: '/dev/users/42', requestTimeEpoch: NOW });
  });

  // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
  it('HTTP API: the payload 2.0 event of events[1]', () => {
    const event = sampleEvent(service, 'getUser', { trigger: 1, nowMs: NOW }) as any;
    expect(event).toMatchObject({ version: '2.0', routeKey: 'GET /v2/users/{id}', rawPath: '/v2/users/id', pathParameters: { id: 'id' } });
  });

  it("integration: lambda: osls's request template shape", () => {
    expect(sampleEvent(service, 'legacy', { body: '{"a":1}', nowMs: NOW })).toMatchObject({ body: { a: 1 }, method: 'POST', stage: 'dev', requestPath: '/legacy' });
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html, with-sqs.html, with-sns.html, with-eventbridge-scheduler.html
  it('stream, SQS, SNS, EventBridge and schedule events with the service resources', () => {
    const at = (trigger: number, body?: string) => sampleEvent(service, 'consume', { trigger, nowMs: NOW, ...(body !== undefined && { body }) }) as any;
    expect(at(0).Records[0]).toMatchObject({ eventName: 'INSERT', eventSource: 'aws:dynamodb', eventSourceARN: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000' });
    expect(at(1, 'job-1').Records[0]).toMatchObject({ body: 'job-1', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:jobs', md5OfBody: createHash('md5').update('job-1').digest('hex') });
    expect(at(2).Records[0]).toMatchObject({ EventSource: 'aws:sns', Sns: { Type: 'Notification', TopicArn: 'arn:aws:sns:us-east-1:123456789012:alerts' } });
    expect(at(3, '{"orderId":"o1"}')).toMatchObject({ version: '0', source: 'shop.orders', 'detail-type': 'OrderPlaced', detail: { orderId: 'o1' }, time: '2026-01-02T03:04:05Z' });
    expect(at(4)).toMatchObject({ 'detail-type': 'Scheduled Event', source: 'aws.events', resources: ['arn:aws:events:us-east-1:123456789012:rule/svc-dev-consume-rule-1'] });
  });

  it('names what is wrong: an unknown function, an event without a sample, a path the route does not match', () => {
    expect(() => sampleEvent(service, 'nope')).toThrow('no function "nope"');
    expect(() => sampleEvent(service, 'consume', { trigger: 9 })).toThrow('has no events[9] with a sample');
    expect(() => sampleEvent(service, 'getUser', { path: '/orders/1' })).toThrow('does not match');
  });

  it('is a CLI command whose output tidepool invoke accepts', async () => {
    const cwd = join(import.meta.dirname, '../rest-api/fixtures/rest-service');
    const run = runCli(['generate-event', 'get', '--path', '/todos/t9', '-H', 'Authorization:let-me-in'], cwd);
    expect(await run.exited).toBe(0);
    const event = JSON.parse(run.stdout());
    expect(event).toMatchObject({ resource: '/todos/{id}', pathParameters: { id: 't9' }, headers: { Authorization: 'let-me-in' } });
    const bad = runCli(['generate-event', 'missing'], cwd);
    expect(await bad.exited).toBe(2);
    expect(bad.stderr()).toContain('no function "missing"');
  }, 60_000);
});
