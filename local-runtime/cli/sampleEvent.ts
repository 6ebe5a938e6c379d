import { createHash, randomUUID } from 'node:crypto';
import { buildEvent } from '../http-api/buildEvent';
import { buildEventV1 } from '../http-api/buildEventV1';
import { Router } from '../http-api/Router';
import { buildRestEvent } from '../rest-api/buildRestEvent';
import { lambdaIntegrationEvent } from '../rest-api/lambdaIntegration';
import { restRoutesFromService } from '../rest-api/restRoutesFromService';
import { httpRoutes } from '../runtime/buildHttpApi';
import { payloadV1Routes } from '../runtime/httpApiLambdaOptions';
import type { ServiceModel } from '../service/ServiceModel';

type Json = Record<string, unknown>;

/** What the user asks for: which of the function's events, and the request of an http/httpApi one. */
export interface SampleEventOptions {
  /** Index into the function's `events` (default: the first event with a sample). */
  trigger?: number;
  method?: string;
  /** Request path (for http events without the stage); default: the route's path with `{param}` → `param`. */
  path?: string;
  body?: string;
  headers?: Record<string, string>;
  nowMs?: number;
}

const SAMPLED = ['http', 'httpApi', 'stream', 'sqs', 'sns', 'eventBridge', 'schedule'] as const;

/**
 * An event in the exact shape the function's trigger sends, ready for `tidepool invoke`: REST
 * (payload 1.0, or osls's `integration: lambda` template), HTTP API (2.0 or 1.0), DynamoDB stream,
 * SQS, SNS, EventBridge and schedule events, with the service's region, account and resource names.
 * Throws an Error naming what is wrong (no such function, no trigger with a sample).
 */
export function sampleEvent(service: ServiceModel, functionKey: string, options: SampleEventOptions = {}): unknown {
  const fn = service.functions[functionKey];
  if (fn === undefined) throw new Error(`no function "${functionKey}" in the service (functions: ${Object.keys(service.functions).join(', ')})`);
  const index = options.trigger ?? fn.events.findIndex((e) => e !== null && typeof e === 'object' && SAMPLED.some((t) => t in e));
  const event = fn.events[index] as Json | undefined;
  const type = event === undefined ? undefined : Object.keys(event)[0];
  if (event === undefined || type === undefined || !(SAMPLED as readonly string[]).includes(type)) {
    throw new Error(`function ${functionKey} has no ${options.trigger === undefined ? 'event with a sample' : `events[${options.trigger}] with a sample`} (samples exist for ${SAMPLED.join(', ')} events)`);
  }
  const nowMs = options.nowMs ?? Date.now();
  const ctx = { region: service.region, accountId: service.accountId, nowMs };
  const spec = event[type];
  switch (type) {
    case 'http': return restSample(service, functionKey, index, options, nowMs);
    case 'httpApi': return httpApiSample(service, functionKey, index, options, nowMs);
    case 'stream': return streamSample(service, spec, ctx);
    case 'sqs': return sqsSample(service, spec, options.body, ctx);
    case 'sns': return snsSample(spec, options.body, ctx);
    case 'eventBridge': return eventBridgeSample(spec, options.body, ctx);
    default: return scheduleSample(service, functionKey, ctx);
  }
}

function restSample(service: ServiceModel, key: string, index: number, options: SampleEventOptions, nowMs: number): unknown {
  const ordinal = service.functions[key]?.events.slice(0, index).filter((e) => e !== null && typeof e === 'object' && 'http' in e).length ?? 0;
  const { routes: all, problems } = restRoutesFromService(service);
  const route = all.filter((r) => r.functionKey === key)[ordinal];
  if (route === undefined) throw new Error(problems.find((p) => p.startsWith(`function ${key}:`)) ?? `function ${key}: events[${index}] is not a REST route`);
  const method = (options.method ?? (route.method === 'ANY' ? 'GET' : route.method)).toUpperCase();
  const path = options.path ?? samplePath(route.path);
  const match = new Router([{ method: 'ANY', path: route.path, functionKey: key }]).match(method, path);
  if (match === undefined) throw new Error(`path ${path} does not match the route's resource ${route.path}`);
  const event = buildRestEvent(
    { method, path, query: '', headerPairs: Object.entries(options.headers ?? {}), body: options.body === undefined ? undefined : Buffer.from(options.body), sourceIp: '127.0.0.1' },
    { resource: route.path, pathParameters: match.pathParameters, stage: service.stage, stageVariables: undefined, accountId: service.accountId, apiId: 'local', region: service.region, nowMs, binary: false },
  );
  return route.integration === 'AWS' ? lambdaIntegrationEvent(event) : event;
}

function httpApiSample(service: ServiceModel, key: string, index: number, options: SampleEventOptions, nowMs: number): unknown {
  const ordinal = service.functions[key]?.events.slice(0, index).filter((e) => e !== null && typeof e === 'object' && 'httpApi' in e).length ?? 0;
  const route = httpRoutes(service).filter((r) => r.functionKey === key)[ordinal];
  if (route === undefined) throw new Error(`function ${key}: events[${index}] is not an httpApi route`);
  const method = (options.method ?? (route.method === '*' || route.method === 'ANY' ? 'GET' : route.method)).toUpperCase();
  const path = options.path ?? (route.path === '*' ? '/' : samplePath(route.path));
  const match = new Router([route]).match(method, path);
  if (match === undefined) throw new Error(`${method} ${path} does not match the route ${route.method} ${route.path}`);
  const request = { method, path, query: '', headers: options.headers ?? {}, ...(options.body !== undefined && { body: options.body }) };
  const context = { accountId: service.accountId, apiId: 'local', region: service.region, nowMs };
  return payloadV1Routes(service).has(match.routeKey) ? buildEventV1(request, match, context) : buildEvent(request, match, context);
}

/** `/users/{id}/files/{proxy+}` → `/users/id/files/proxy`. */
function samplePath(resource: string): string {
  return resource.replace(/\{([^}+]+)\+?\}/g, '$1');
}

interface Ctx { region: string; accountId: string; nowMs: number }

/** A logical id's physical name (`TableName`, `QueueName`, `TopicName`), else the logical id. */
function targetName(service: ServiceModel, arn: unknown, property: string): string {
  if (typeof arn === 'string') return arn.split(/[:/]/).filter((p) => p !== '').at(arn.includes(':table/') ? -3 : -1) ?? arn;
  const getAtt = (arn as Json | undefined)?.['Fn::GetAtt'];
  const logicalId = Array.isArray(getAtt) ? String(getAtt[0]) : typeof getAtt === 'string' ? getAtt.split('.')[0] ?? '' : String((arn as Json | undefined)?.['Ref'] ?? 'resource');
  const name = service.resources[logicalId]?.Properties?.[property];
  return typeof name === 'string' ? name : logicalId;
}

function streamSample(service: ServiceModel, spec: unknown, ctx: Ctx): unknown {
  const arn = typeof spec === 'string' ? spec : (spec as Json)['arn'];
  const table = typeof arn === 'string' && arn.includes(':table/') ? (arn.split('/')[1] ?? 'table') : targetName(service, arn, 'TableName');
  const streamArn = typeof arn === 'string' ? arn : `arn:aws:dynamodb:${ctx.region}:${ctx.accountId}:table/${table}/stream/1970-01-01T00:00:00.000`;
  const keys = { pk: { S: 'example' } };
  return {
    Records: [{
      eventID: createHash('md5').update(String(ctx.nowMs)).digest('hex'),
      eventName: 'INSERT', eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: ctx.region,
      dynamodb: {
        ApproximateCreationDateTime: Math.floor(ctx.nowMs / 1000), Keys: keys, NewImage: { ...keys, value: { S: 'example' } },
        SequenceNumber: '100000000000000000001', SizeBytes: 26, StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: streamArn,
    }],
  };
}

function sqsSample(service: ServiceModel, spec: unknown, body: string | undefined, ctx: Ctx): unknown {
  const arn = typeof spec === 'string' ? spec : (spec as Json)['arn'];
  const queueArn = typeof arn === 'string' ? arn : `arn:aws:sqs:${ctx.region}:${ctx.accountId}:${targetName(service, arn, 'QueueName')}`;
  const text = body ?? '{"hello":"world"}';
  const messageId = randomUUID();
  return {
    Records: [{
      messageId, receiptHandle: Buffer.from(`${messageId}#1`).toString('base64'), body: text,
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(ctx.nowMs), SenderId: 'AIDATIDEPOOLLOCAL0000', ApproximateFirstReceiveTimestamp: String(ctx.nowMs) },
      messageAttributes: {}, md5OfBody: createHash('md5').update(text).digest('hex'),
      eventSource: 'aws:sqs', eventSourceARN: queueArn, awsRegion: ctx.region,
    }],
  };
}

function snsSample(spec: unknown, body: string | undefined, ctx: Ctx): unknown {
  const raw = typeof spec === 'string' ? spec : ((spec as Json)['arn'] ?? (spec as Json)['topicName']);
  const topicArn = typeof raw === 'string' && raw.startsWith('arn:') ? raw : `arn:aws:sns:${ctx.region}:${ctx.accountId}:${typeof raw === 'string' ? raw : 'topic'}`;
  const subscriptionArn = `${topicArn}:${randomUUID()}`;
  return {
    Records: [{
      EventVersion: '1.0', EventSubscriptionArn: subscriptionArn, EventSource: 'aws:sns',
      Sns: {
        Type: 'Notification', MessageId: randomUUID(), TopicArn: topicArn, Subject: null, Message: body ?? '{"hello":"world"}',
        Timestamp: new Date(ctx.nowMs).toISOString(), SignatureVersion: '1', Signature: 'LOCAL',
        SigningCertUrl: `https://sns.${ctx.region}.amazonaws.com/SimpleNotificationService-local.pem`,
        UnsubscribeUrl: `https://sns.${ctx.region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
        MessageAttributes: {},
      },
    }],
  };
}

function eventBridgeSample(spec: unknown, body: string | undefined, ctx: Ctx): unknown {
  const pattern = ((spec as Json | undefined)?.['pattern'] ?? {}) as Json;
  const first = (value: unknown, fallback: string) => (Array.isArray(value) && typeof value[0] === 'string' ? value[0] : fallback);
  if ((spec as Json | undefined)?.['schedule'] !== undefined) return scheduleEvent(ctx, 'rule');
  return {
    version: '0', id: randomUUID(), 'detail-type': first(pattern['detail-type'], 'Example'), source: first(pattern['source'], 'example.source'),
    account: ctx.accountId, time: new Date(ctx.nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z'), region: ctx.region, resources: [],
    detail: body === undefined ? {} : JSON.parse(body),
  };
}

function scheduleSample(service: ServiceModel, key: string, ctx: Ctx): unknown {
  return scheduleEvent(ctx, `${service.service}-${service.stage}-${key}-rule-1`);
}

/** https://docs.aws.amazon.com/lambda/latest/dg/with-eventbridge-scheduler.html (EventBridge scheduled event). */
function scheduleEvent(ctx: Ctx, rule: string): unknown {
  return {
    version: '0', id: randomUUID(), 'detail-type': 'Scheduled Event', source: 'aws.events', account: ctx.accountId,
    time: new Date(ctx.nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z'), region: ctx.region,
    resources: [`arn:aws:events:${ctx.region}:${ctx.accountId}:rule/${rule}`], detail: {},
  };
}
