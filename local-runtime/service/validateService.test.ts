import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FunctionEventModel, ServiceModel } from './ServiceModel';
import { validateService } from './validateService';

const problemsOf = (m: ServiceModel) => validateService(m).problems;

const servicePath = mkdtempSync(join(tmpdir(), 'tidepool-validate-'));
mkdirSync(join(servicePath, 'src'));
for (const file of ['ok.ts', 'legacy.cjs', 'esm.mjs']) writeFileSync(join(servicePath, 'src', file), 'export const handler = () => 1;\n');
afterAll(() => rmSync(servicePath, { recursive: true, force: true }));

const table = (props: Record<string, unknown> = { StreamSpecification: { StreamViewType: 'NEW_IMAGE' } }) => ({ Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'orders', ...props } });

function model(events: FunctionEventModel[], handler = 'src/ok.handler', resources: ServiceModel['resources'] = { Orders: table(), Queue: { Type: 'AWS::SQS::Queue' }, Plain: table({}) }): ServiceModel {
  return {
    servicePath,
    service: 'svc',
    stage: 'dev',
    region: 'us-east-1',
    accountId: '000000000000',
    runtime: 'nodejs22.x',
    functions: { fn: { key: 'fn', name: 'svc-dev-fn', handler, timeout: 6, memorySize: 1024, environment: {}, events } },
    resources,
    httpApi: {},
  };
}

describe('validateService: handlers', () => {
  it('accepts handler files with any of .ts .mts .js .mjs .cjs', () => {
    expect(problemsOf(model([], 'src/ok.handler'))).toEqual([]);
    expect(problemsOf(model([], 'src/legacy.handler'))).toEqual([]);
    expect(problemsOf(model([], 'src/esm.main'))).toEqual([]);
  });

  it('names the function and the missing file', () => {
    expect(problemsOf(model([], 'src/missing.handler'))).toEqual([
      { function: 'fn', problem: expect.stringContaining('handler "src/missing.handler": no file src/missing{.ts,.mts,.js,.mjs,.cjs}') },
    ]);
    expect(problemsOf(model([], 'nodot'))[0]?.problem).toContain('is not "path/to/file.exportName"');
  });
});

// https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html — the event source must be a DynamoDB stream ARN.
describe('validateService: stream events', () => {
  it('accepts !GetAtt Table.StreamArn in both forms, and the ARN string of a local table', () => {
    expect(problemsOf(model([{ stream: { arn: { 'Fn::GetAtt': ['Orders', 'StreamArn'] } } }]))).toEqual([]);
    expect(problemsOf(model([{ stream: { arn: { 'Fn::GetAtt': 'Orders.StreamArn' }, type: 'dynamodb' } }]))).toEqual([]);
    expect(problemsOf(model([{ stream: 'arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2024-01-01T00:00:00.000' }]))).toEqual([]);
  });

  it('reports an arn that refers to a missing resource', () => {
    expect(problemsOf(model([{ stream: { arn: { 'Fn::GetAtt': ['Missing', 'StreamArn'] } } }]))).toEqual([
      { function: 'fn', problem: 'events[0].stream: stream event arn refers to "Missing", which is not an AWS::DynamoDB::Table in resources' },
    ]);
  });

  it('reports an arn that refers to a resource that is not a table', () => {
    expect(problemsOf(model([{ stream: { arn: { 'Fn::GetAtt': ['Queue', 'Arn'] } } }]))[0]?.problem).toContain('"Queue", which is not an AWS::DynamoDB::Table');
  });

  it('reports a table without StreamSpecification, and the table Arn used instead of StreamArn', () => {
    expect(problemsOf(model([{ stream: { arn: { 'Fn::GetAtt': ['Plain', 'StreamArn'] } } }]))[0]?.problem).toContain('table "Plain" has no StreamSpecification');
    expect(problemsOf(model([{ stream: { arn: { 'Fn::GetAtt': ['Orders', 'Arn'] } } }]))[0]?.problem).toContain('use !GetAtt Orders.StreamArn');
  });

  it('warns (does not refuse) about ARNs of streams that are not local tables, and kinesis streams: the service still runs', () => {
    const foreign = 'arn:aws:dynamodb:us-east-1:123456789012:table/other/stream/2024-01-01T00:00:00.000';
    expect(validateService(model([{ stream: foreign }]))).toEqual({
      problems: [],
      warnings: [{ where: 'functions.fn.events[0].stream', message: `${foreign} is not the stream of a table in resources: only local tables' streams are consumed, so the function never receives its records` }],
    });
    expect(validateService(model([{ stream: { arn: 'arn:aws:kinesis:us-east-1:1:stream/s', type: 'kinesis' } }]))).toEqual({
      problems: [],
      warnings: [{ where: 'functions.fn.events[0].stream', message: 'Kinesis streams are not emulated: the function never receives records' }],
    });
  });

  it('reports an arn that is neither an intrinsic nor an ARN', () => {
    expect(problemsOf(model([{ stream: 'orders' }]))[0]?.problem).toBe('events[0].stream: stream event arn "orders" must be !GetAtt <Table>.StreamArn');
  });
});

// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
describe('validateService: httpApi events', () => {
  it('accepts object and string routes, greedy paths and the $default route', () => {
    const events: FunctionEventModel[] = [
      { httpApi: { method: 'GET', path: '/orders/{id}' } },
      { httpApi: 'POST /orders' },
      { httpApi: { method: 'any', path: '/files/{proxy+}' } },
      { httpApi: '*' },
      { httpApi: { method: '*', path: '/' } },
    ];
    expect(problemsOf(model(events))).toEqual([]);
  });

  it('reports unparseable methods and paths, naming the event', () => {
    const problems = problemsOf(
      model([{ httpApi: { method: 'FETCH', path: '/orders' } }, { httpApi: { method: 'GET', path: 'orders/{id' } }, { httpApi: 'GET' }, { httpApi: { method: 'GET', path: '/{proxy+}/x' } }]),
    ).map((p) => p.problem);
    expect(problems).toEqual([
      expect.stringContaining('events[0].httpApi: method "FETCH" is not one of'),
      expect.stringContaining('events[1].httpApi: path "orders/{id" is not a valid route path'),
      expect.stringContaining('events[2].httpApi: route "GET" is not "METHOD /path"'),
      expect.stringContaining('events[3].httpApi: path "/{proxy+}/x"'),
    ]);
  });

  it('does not refuse event types it does not emulate (they are warnings)', () => {
    expect(problemsOf(model([{ schedule: 'rate(1 minute)' }]))).toEqual([]);
  });
});
