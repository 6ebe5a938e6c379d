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
import { resolveFramework } from './resolveFramework';
import { zipEntries } from './zipEntries';

const REPO = resolve(import.meta.dirname, '../..');
const FUNCTIONS = [
  'cancelOrder',
  'createOrder',
  'expireHolds',
  'getOrder',
  'listOrders',
  'onHoldExpired',
  'onOrderCancelled',
  'onOrderPlaced',
  'publishOrderEvents',
  'putProduct',
  'runSagas',
];
/** Where each function's handler lives (functions/<folder>/<name>.ts). */
const FOLDER: Record<string, string> = { putProduct: 'catalog', expireHolds: 'holds', onHoldExpired: 'holds' };
const STREAM_CONSUMERS = ['expireHolds', 'onOrderCancelled', 'onOrderPlaced', 'publishOrderEvents', 'runSagas'];
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
    await run(process.execPath, [resolveFramework(REPO).framework.bin, 'package', '--stage', 'dev', '--package', out], { cwd: REPO, env });
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
  it('declares the stream consumers\' on-failure queue with 14 days retention and SSE', () => {
    expect(template.Resources.OrderEventsDlq?.Properties).toMatchObject({ MessageRetentionPeriod: 1209600, SqsManagedSseEnabled: true });
  });

  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-route.html
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
  it('routes the HTTP API through the JWT authorizer, with the admin scope on the admin route', () => {
    const routes = Object.fromEntries(ofType('AWS::ApiGatewayV2::Route').map((r) => [r.Properties.RouteKey, r.Properties]));
    expect(Object.keys(routes).sort()).toEqual(['GET /orders', 'GET /orders/{id}', 'POST /orders', 'POST /orders/{id}/cancel', 'PUT /admin/products/{sku}']);
    for (const route of Object.values(routes)) expect(route).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: 'HttpApiAuthorizerUsers' } });
    expect(routes['PUT /admin/products/{sku}']?.AuthorizationScopes).toEqual(['tidepool/admin']);
    expect(template.Resources.HttpApiAuthorizerUsers?.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: ['tidepool-api'], Issuer: 'https://auth.tidepool.local/dev' },
    });
    const [api] = ofType('AWS::ApiGatewayV2::Api');
    expect(api?.Properties).toMatchObject({ ProtocolType: 'HTTP', CorsConfiguration: expect.any(Object) });
    for (const integration of ofType('AWS::ApiGatewayV2::Integration')) expect(integration.Properties.PayloadFormatVersion).toBe('2.0');
  });

  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-eventsourcemapping.html
  // https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html
  it('maps the table stream to each consumer with its own filter, partial batch responses and the on-failure queue', () => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping');
    const byFunction = Object.fromEntries(mappings.map((m) => [(m.Properties.FunctionName as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0], m.Properties]));
    expect(Object.keys(byFunction).sort()).toEqual(STREAM_CONSUMERS.map((f) => `${f[0]!.toUpperCase()}${f.slice(1)}LambdaFunction`));
    for (const mapping of mappings) {
      expect(mapping.Properties).toMatchObject({
        EventSourceArn: { 'Fn::GetAtt': ['OrdersTable', 'StreamArn'] },
        StartingPosition: 'TRIM_HORIZON',
        MaximumRetryAttempts: 3,
        MaximumRecordAgeInSeconds: -1,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['OrderEventsDlq', 'Arn'] } } },
      });
    }
    const patterns = (fn: string) => (byFunction[fn]?.FilterCriteria as { Filters: { Pattern: string }[] }).Filters.map((f) => JSON.parse(f.Pattern) as unknown);
    expect(byFunction.OnOrderPlacedLambdaFunction).toMatchObject({ BatchSize: 25, MaximumBatchingWindowInSeconds: 1 });
    expect(patterns('OnOrderPlacedLambdaFunction')).toEqual([{ eventName: ['INSERT'], dynamodb: { NewImage: { entityType: { S: ['Order'] } } } }]);
    expect(patterns('ExpireHoldsLambdaFunction')).toEqual([
      { eventName: ['REMOVE'], userIdentity: { type: ['Service'], principalId: ['dynamodb.amazonaws.com'] }, dynamodb: { OldImage: { entityType: { S: ['Hold'] } } } },
    ]);
    expect(patterns('RunSagasLambdaFunction')).toHaveLength(2);
  });

  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-rule.html
  it('delivers Hold Expired events from the service bus to onHoldExpired', () => {
    expect(template.Resources.OrderEventsBus?.Properties).toEqual({ Name: 'tidepool-dev-events' });
    const [rule, ...others] = ofType('AWS::Events::Rule');
    expect(others).toEqual([]);
    expect(rule?.Properties).toMatchObject({
      EventBusName: { Ref: 'OrderEventsBus' },
      EventPattern: { source: ['tidepool.holds'], 'detail-type': ['Hold Expired'] },
      Targets: [{ Arn: { 'Fn::GetAtt': ['OnHoldExpiredLambdaFunction', 'Arn'] } }],
    });
  });

  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html
  it('deploys every function on nodejs22.x arm64 with its own role, a deliberate memory and timeout, and the table name', () => {
    const functions = ofType('AWS::Lambda::Function');
    expect(functions.map((f) => f.Properties.FunctionName).sort()).toEqual(FUNCTIONS.map((f) => `tidepool-dev-${f}`));
    for (const fn of functions) {
      const key = String(fn.Properties.FunctionName).replace('tidepool-dev-', '');
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Role: { 'Fn::GetAtt': [`${key[0]!.toUpperCase()}${key.slice(1)}Role`, 'Arn'] } });
      expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({ TABLE_NAME: { Ref: 'OrdersTable' }, POWERTOOLS_SERVICE_NAME: 'tidepool' });
    }
    const settings = Object.fromEntries(functions.map((f) => [String(f.Properties.FunctionName).replace('tidepool-dev-', ''), `${String(f.Properties.MemorySize)} MB ${String(f.Properties.Timeout)} s`]));
    expect(settings).toEqual({
      putProduct: '256 MB 10 s',
      createOrder: '256 MB 10 s',
      getOrder: '256 MB 10 s',
      listOrders: '256 MB 10 s',
      cancelOrder: '256 MB 10 s',
      onOrderPlaced: '256 MB 30 s',
      runSagas: '512 MB 60 s',
      publishOrderEvents: '256 MB 30 s',
      onOrderCancelled: '256 MB 30 s',
      expireHolds: '256 MB 30 s',
      onHoldExpired: '256 MB 30 s',
    });
    for (const group of ofType('AWS::Logs::LogGroup')) expect(group.Properties.RetentionInDays).toBe(14);
  });

  // https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
  it('gives each function its own role with no wildcard action or resource, scoped to what it uses', () => {
    interface Statement {
      Effect: string;
      Action: string | string[];
      Resource: unknown;
    }
    const roles = Object.fromEntries(
      Object.entries(template.Resources)
        .filter(([, r]) => r.Type === 'AWS::IAM::Role')
        .map(([id, r]) => [id, ((r.Properties.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap((p) => p.PolicyDocument.Statement)]),
    );
    // osls adds no shared role: every function has its own.
    expect(Object.keys(roles).sort()).toEqual(FUNCTIONS.map((f) => `${f[0]!.toUpperCase()}${f.slice(1)}Role`).sort());
    for (const [id, statements] of Object.entries(roles)) {
      for (const statement of statements) {
        expect(statement.Effect).toBe('Allow');
        for (const action of [statement.Action].flat()) expect(action, `${id}: ${action}`).not.toContain('*');
        for (const resource of [statement.Resource].flat()) {
          const text = JSON.stringify(resource);
          // The one exception: the log streams of the function's own log group. Lambda names its
          // streams at run time, so the policy must say `log-group:<group>:*` (only that group).
          if (text.includes(':log-group:')) {
            expect(text, id).toMatch(/:log-group:\/aws\/lambda\/tidepool-dev-[A-Za-z]+:\*"\]\]\}$/);
            expect(text.replace(/:\*"\]\]\}$/, ''), id).not.toContain('*');
          } else expect(text, `${id}: ${text}`).not.toContain('*');
        }
      }
    }
    const actionsOn = (role: string, resource: unknown) =>
      roles[role]!.filter((s) => JSON.stringify(s.Resource) === JSON.stringify(resource)).flatMap((s) => [s.Action].flat()).sort();
    const table = { 'Fn::GetAtt': ['OrdersTable', 'Arn'] };
    expect(actionsOn('GetOrderRole', table)).toEqual(['dynamodb:GetItem']);
    expect(actionsOn('ListOrdersRole', table)).toEqual([]);
    expect(actionsOn('ListOrdersRole', { 'Fn::Sub': '${OrdersTable.Arn}/index/GSI1' })).toEqual(['dynamodb:Query']);
    expect(actionsOn('CreateOrderRole', table)).toEqual(['dynamodb:BatchGetItem', 'dynamodb:PutItem']);
    expect(actionsOn('PublishOrderEventsRole', table)).toEqual([]);
    expect(actionsOn('PublishOrderEventsRole', { 'Fn::GetAtt': ['OrderEventsBus', 'Arn'] })).toEqual(['events:PutEvents']);
    for (const consumer of STREAM_CONSUMERS) {
      const role = `${consumer[0]!.toUpperCase()}${consumer.slice(1)}Role`;
      expect(actionsOn(role, { 'Fn::GetAtt': ['OrdersTable', 'StreamArn'] })).toEqual(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams']);
      expect(actionsOn(role, { 'Fn::GetAtt': ['OrderEventsDlq', 'Arn'] })).toEqual(['sqs:SendMessage']);
    }
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-package.html
  it('packages one zip per function holding only its bundle and source map (AWS SDK left to the runtime)', () => {
    const zips = readdirSync(out).filter((f) => f.endsWith('.zip')).sort();
    expect(zips).toEqual(FUNCTIONS.map((f) => `${f}.zip`));
    for (const fn of FUNCTIONS) {
      const file = join(out, `${fn}.zip`);
      expect(zipEntries(file).sort()).toEqual([`functions/${FOLDER[fn] ?? 'orders'}/${fn}.js`, `functions/${FOLDER[fn] ?? 'orders'}/${fn}.js.map`]);
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
