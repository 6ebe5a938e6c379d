/**
 * `sls package` (osls + serverless-esbuild) works offline and produces the CloudFormation
 * template this service means to deploy. Runs osls once, then asserts on
 * `.../cloudformation-template-update-stack.json` and the zips, then lints with cfn-lint.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveOsls } from './spawnSls';
import { zipEntries } from './zipEntries';

const REPO = resolve(import.meta.dirname, '../..');
const FUNCTIONS = ['createOrder', 'getOrder', 'onOrderPlaced'];
const run = promisify(execFile);

interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
}
type Template = { Resources: Record<string, Resource> };

const cfnLintAvailable = (() => {
  try {
    execFileSync('cfn-lint', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('sls package --stage dev', () => {
  const out = mkdtempSync(join(tmpdir(), 'tidepool-package-'));
  const templateFile = join(out, 'cloudformation-template-update-stack.json');
  let template: Template;
  const ofType = (type: string): Resource[] => Object.values(template.Resources).filter((r) => r.Type === type);

  beforeAll(async () => {
    // Offline: osls 4 ships no telemetry or notification calls, packaging needs no AWS API,
    // and `@aws-sdk/*` is excluded so serverless-esbuild installs nothing. Fake credentials
    // make sure nothing could reach an AWS account even if something tried.
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_REGION: 'us-east-1' };
    delete env.AWS_PROFILE;
    delete env.AWS_SESSION_TOKEN;
    await run(process.execPath, [resolveOsls(REPO).bin, 'package', '--stage', 'dev', '--package', out], { cwd: REPO, env });
    template = JSON.parse(readFileSync(templateFile, 'utf8')) as Template;
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dynamodb-table.html
  it('declares the orders table: PK/SK, one GSI, NEW_AND_OLD_IMAGES stream, TTL, PITR, SSE', () => {
    const [table, ...others] = ofType('AWS::DynamoDB::Table');
    expect(others).toEqual([]);
    const p = table?.Properties ?? {};
    expect(p.TableName).toBe('tidepool-dev-orders');
    expect(p.BillingMode).toBe('PAY_PER_REQUEST');
    expect(p.KeySchema).toEqual([
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ]);
    expect(p.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'GSI1',
        KeySchema: [
          { AttributeName: 'GSI1PK', KeyType: 'HASH' },
          { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
    expect(p.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(p.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(p.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(p.SSESpecification).toEqual({ SSEEnabled: true });
  });

  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sqs-queue.html
  it('declares the on-failure queue with 14 days retention and SSE', () => {
    expect(template.Resources.OrderEventsDlq?.Properties).toMatchObject({ MessageRetentionPeriod: 1209600, SqsManagedSseEnabled: true });
  });

  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-route.html
  it('routes POST /orders and GET /orders/{id} on an HTTP API', () => {
    const routeKeys = ofType('AWS::ApiGatewayV2::Route').map((r) => r.Properties.RouteKey);
    expect(routeKeys.sort()).toEqual(['GET /orders/{id}', 'POST /orders']);
    const [api] = ofType('AWS::ApiGatewayV2::Api');
    expect(api?.Properties).toMatchObject({ ProtocolType: 'HTTP', CorsConfiguration: expect.any(Object) });
    for (const integration of ofType('AWS::ApiGatewayV2::Integration')) expect(integration.Properties.PayloadFormatVersion).toBe('2.0');
  });

  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-eventsourcemapping.html
  it('maps the table stream to onOrderPlaced with filter, batch settings, partial batch responses and the DLQ', () => {
    const [mapping, ...others] = ofType('AWS::Lambda::EventSourceMapping');
    expect(others).toEqual([]);
    expect(mapping?.Properties).toEqual({
      EventSourceArn: { 'Fn::GetAtt': ['OrdersTable', 'StreamArn'] },
      FunctionName: { 'Fn::GetAtt': ['OnOrderPlacedLambdaFunction', 'Arn'] },
      Enabled: true,
      BatchSize: 25,
      MaximumBatchingWindowInSeconds: 1,
      StartingPosition: 'TRIM_HORIZON',
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 3600,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['OrderEventsDlq', 'Arn'] } } },
      FilterCriteria: { Filters: [{ Pattern: '{"eventName":["INSERT"],"dynamodb":{"NewImage":{"entityType":{"S":["Order"]}}}}' }] },
    });
  });

  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html
  it('deploys every function on nodejs22.x arm64 with its own memory, timeout and environment', () => {
    const functions = ofType('AWS::Lambda::Function');
    expect(functions.map((f) => f.Properties.FunctionName).sort()).toEqual(FUNCTIONS.map((f) => `tidepool-dev-${f}`));
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], MemorySize: 256 });
      expect((fn.Properties.Environment as { Variables: unknown }).Variables).toEqual({
        TABLE_NAME: { Ref: 'OrdersTable' },
        POWERTOOLS_SERVICE_NAME: 'tidepool',
        NODE_OPTIONS: '--enable-source-maps',
      });
    }
    const timeouts = Object.fromEntries(functions.map((f) => [f.Properties.FunctionName, f.Properties.Timeout]));
    expect(timeouts).toEqual({ 'tidepool-dev-createOrder': 10, 'tidepool-dev-getOrder': 10, 'tidepool-dev-onOrderPlaced': 30 });
    for (const group of ofType('AWS::Logs::LogGroup')) expect(group.Properties.RetentionInDays).toBe(14);
  });

  // https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
  it('grants no wildcard action, and table access only on the table and its indexes', () => {
    const statements = ofType('AWS::IAM::Role').flatMap((role) =>
      ((role.Properties.Policies ?? []) as { PolicyDocument: { Statement: { Action: string[]; Resource: unknown[] }[] } }[]).flatMap((p) => p.PolicyDocument.Statement),
    );
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) for (const action of [statement.Action].flat()) expect(action).not.toContain('*');
    const dynamo = statements.find((s) => s.Action.includes('dynamodb:PutItem'));
    expect(dynamo?.Action.sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    expect(dynamo?.Resource).toEqual([{ 'Fn::GetAtt': ['OrdersTable', 'Arn'] }, { 'Fn::Sub': '${OrdersTable.Arn}/index/*' }]);
    // osls adds the stream read permissions for the stream event itself.
    const streamRead = statements.find((s) => s.Action.includes('dynamodb:GetRecords'));
    expect(streamRead?.Resource).toEqual([{ 'Fn::GetAtt': ['OrdersTable', 'StreamArn'] }]);
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-package.html
  it('packages one zip per function holding only its bundle and source map (AWS SDK left to the runtime)', () => {
    const zips = readdirSync(out).filter((f) => f.endsWith('.zip')).sort();
    expect(zips).toEqual(FUNCTIONS.map((f) => `${f}.zip`));
    for (const fn of FUNCTIONS) {
      const file = join(out, `${fn}.zip`);
      expect(zipEntries(file).sort()).toEqual([`functions/orders/${fn}.js`, `functions/orders/${fn}.js.map`]);
      console.log(`${fn}.zip: ${statSync(file).size} bytes`);
    }
  });

  // cfn-lint (https://github.com/aws-cloudformation/cfn-lint) checks the template against the
  // CloudFormation resource specifications.
  it.skipIf(!cfnLintAvailable)('passes cfn-lint', async () => {
    // W3005 is ignored: osls gives each HttpApiRoute a DependsOn on its integration that the
    // route's Target already implies via Ref. The redundancy is harmless and not ours to change.
    const result = await run('cfn-lint', ['--ignore-checks', 'W3005', '--', templateFile]).then(
      () => ({ code: 0, output: '' }),
      (error: { code?: number; stdout?: string }) => ({ code: error.code ?? 1, output: error.stdout ?? '' }),
    );
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });
});
