import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture } from './fixtures/copyFixture';
import { FIXTURE_PLUGINS, FIXTURE_WARNINGS } from './fixtures/notEmulatedFixture';
import { loadService } from './loadService';
import { notEmulatedWarnings } from './notEmulated';
import { EMULATED_EVENT_TYPES, NOT_EMULATED_EVENTS } from './notEmulatedEvents';
import { describeResourceType } from './notEmulatedResources';
import type { FunctionEventModel, ServiceModel } from './ServiceModel';
import { formatWarning } from './ServiceWarning';
import { validateService } from './validateService';

describe('validateService on a service using one of each thing that is not emulated', () => {
  const dir = copyFixture('not-emulated', FIXTURE_PLUGINS);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds no problem (the service runs) and gives exactly the expected warning lines', async () => {
    const model = await loadService({ servicePath: dir, stage: 'dev' });
    const { problems, warnings } = validateService(model);
    expect(problems).toEqual([]);
    expect(warnings.map(formatWarning)).toEqual(FIXTURE_WARNINGS);
  });
});

function model(parts: Partial<ServiceModel> & { events?: FunctionEventModel[]; config?: Record<string, unknown> } = {}): ServiceModel {
  const { events = [], config = {}, ...rest } = parts;
  return {
    servicePath: '/nowhere',
    service: 'svc',
    stage: 'dev',
    region: 'us-east-1',
    accountId: '000000000000',
    runtime: 'nodejs22.x',
    functions: { fn: { key: 'fn', name: 'svc-dev-fn', handler: 'h.handler', timeout: 6, memorySize: 1024, environment: {}, events, config } },
    resources: {},
    httpApi: {},
    ...rest,
  };
}

// https://www.serverless.com/framework/docs/providers/aws/events/ — every event type osls defines.
const OSLS_EVENT_TYPES = [
  'http', 'httpApi', 'websocket', 's3', 'schedule', 'sns', 'sqs', 'stream', 'msk', 'kafka', 'activemq', 'rabbitmq', 'alexaSkill',
  'alexaSmartHome', 'iot', 'iotFleetProvisioning', 'cloudwatchEvent', 'cloudwatchLog', 'cognitoUserPool', 'alb', 'eventBridge', 'cloudFront',
];

describe('notEmulatedWarnings lookup tables', () => {
  it('knows every event type of the framework: either emulated or described', () => {
    const unknown = OSLS_EVENT_TYPES.filter((type) => !EMULATED_EVENT_TYPES.has(type) && !(type in NOT_EMULATED_EVENTS));
    expect(unknown).toEqual([]);
  });

  it('warns about an event type nobody knows instead of skipping it', () => {
    expect(notEmulatedWarnings(model({ events: [{ fancyPluginEvent: {} }] })).map(formatWarning)).toEqual([
      'functions.fn.events[0].fancyPluginEvent: this event type is not known to Tidepool: it is not emulated and never invokes the function',
    ]);
  });

  it('has nothing to say about emulated events with honoured options, emulated resources, Tidepool itself or payload 2.0', () => {
    const quiet = model({
      events: [{ httpApi: 'GET /x' }, { sqs: { arn: 'arn:aws:sqs:us-east-1:000000000000:q', batchSize: 5 } }, { eventBridge: { pattern: { source: ['a'] } } }],
      resources: { T: { Type: 'AWS::DynamoDB::Table' }, Q: { Type: 'AWS::SQS::Queue' }, S: { Type: 'AWS::SNS::Topic' }, B: { Type: 'AWS::Events::EventBus' } },
      plugins: ['tidepool'],
      provider: { httpApi: { payload: '2.0' }, logs: { lambda: { logFormat: 'Text' } } },
    });
    expect(notEmulatedWarnings(quiet)).toEqual([]);
  });

  it('lists a resource type once, naming all its resources; falls back on the service prefix, then on a default', () => {
    const warnings = notEmulatedWarnings(model({ resources: { A: { Type: 'AWS::IAM::Role' }, B: { Type: 'AWS::IAM::Role' }, C: { Type: 'AWS::StepFunctions::StateMachine' } } }));
    expect(warnings.map((w) => w.where)).toEqual(['resources.A, B (AWS::IAM::Role)', 'resources.C (AWS::StepFunctions::StateMachine)']);
    expect(describeResourceType('AWS::Cognito::IdentityPool')).toContain('Cognito is not emulated');
    expect(describeResourceType('AWS::StepFunctions::StateMachine')).toBe('not emulated locally: nothing is created for it, and handler requests to its service fail');
    expect(describeResourceType('AWS::DynamoDB::Table')).toBeUndefined();
  });

  it('names bundler and offline plugins as replaced, and function settings that are not honoured', () => {
    const warnings = notEmulatedWarnings(model({ plugins: ['serverless-esbuild', 'serverless-webpack', 'serverless-plugin-typescript', 'serverless-dynamodb-local'], config: { provisionedConcurrency: 1, vpc: {} } }));
    expect(warnings.map(formatWarning)).toEqual([
      "plugins.serverless-esbuild: replaced by Tidepool's own esbuild bundle of each handler (the plugin's options are not read)",
      "plugins.serverless-webpack: replaced by Tidepool's own esbuild bundle of each handler (the plugin's options are not read)",
      "plugins.serverless-plugin-typescript: replaced by Tidepool's own esbuild bundle of each handler (the plugin's options are not read)",
      'plugins.serverless-dynamodb-local: replaced by Tidepool itself',
      'functions.fn.vpc: not emulated: the function reaches the network of this machine',
      'functions.fn.provisionedConcurrency: not honoured locally: environments start on demand (cold starts), none is kept initialised',
    ]);
  });
});
