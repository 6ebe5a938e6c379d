import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadService } from './loadService';
import type { IntrinsicContext } from './resolveIntrinsics';
import { ServiceError } from './ServiceError';
import type { ServiceModel } from './ServiceModel';
import { generatedTableName, tableInputsFromResources } from './tableInputsFromResources';

const REPO = resolve(import.meta.dirname, '../..');
const ctx: IntrinsicContext = {
  ref: (id) => (id === 'Env' ? 'qa' : undefined),
  getAtt: () => undefined,
  pseudo: { 'AWS::Region': 'us-east-1', 'AWS::AccountId': '000000000000', 'AWS::StackName': 'tidepool-dev' },
};

function model(resources: ServiceModel['resources']): ServiceModel {
  return { servicePath: '/svc', service: 'tidepool', stage: 'dev', region: 'us-east-1', accountId: '000000000000', runtime: 'nodejs22.x', functions: {}, resources, httpApi: {} };
}

// CloudFormation → CreateTable:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dynamodb-table.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
describe('tableInputsFromResources on the real service', () => {
  let service: ServiceModel;
  beforeAll(async () => {
    service = await loadService({ servicePath: REPO, stage: 'dev' });
  });

  it('turns OrdersTable into a CreateTable input and its TTL setting', () => {
    const [table, ...rest] = tableInputsFromResources(service, ctx);
    expect(rest).toEqual([]);
    expect(table).toEqual({
      logicalId: 'OrdersTable',
      createTableInput: {
        TableName: 'tidepool-dev-orders',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'PK', AttributeType: 'S' },
          { AttributeName: 'SK', AttributeType: 'S' },
          { AttributeName: 'GSI1PK', AttributeType: 'S' },
          { AttributeName: 'GSI1SK', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'GSI1',
            KeySchema: [
              { AttributeName: 'GSI1PK', KeyType: 'HASH' },
              { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        // CFN's StreamSpecification has only StreamViewType; CreateTable also needs StreamEnabled.
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        // CFN SSESpecification.SSEEnabled is CreateTable's SSESpecification.Enabled.
        SSESpecification: { Enabled: true },
      },
      timeToLive: { AttributeName: 'expiresAt', Enabled: true },
    });
  });
});

describe('tableInputsFromResources mapping', () => {
  it('generates a CloudFormation-like name for a table without TableName, stable per service', () => {
    const resources = { Events: { Type: 'AWS::DynamoDB::Table', Properties: { KeySchema: [] } } };
    const [first] = tableInputsFromResources(model(resources), ctx);
    const [second] = tableInputsFromResources(model(resources), ctx);
    expect(first?.createTableInput.TableName).toMatch(/^tidepool-dev-Events-[0-9A-F]{12}$/);
    expect(second?.createTableInput.TableName).toBe(first?.createTableInput.TableName);
    expect(generatedTableName({ ...model({}), stage: 'prod' }, 'Events')).not.toBe(first?.createTableInput.TableName);
  });

  it('resolves intrinsics in TableName and tags, and keeps only CreateTable fields of indexes', () => {
    const resources = {
      T: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          TableName: { 'Fn::Sub': '${AWS::StackName}-${Env}-t' },
          BillingMode: 'PROVISIONED',
          ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
          LocalSecondaryIndexes: [{ IndexName: 'L', KeySchema: [], Projection: { ProjectionType: 'KEYS_ONLY' } }],
          GlobalSecondaryIndexes: [
            { IndexName: 'G', KeySchema: [], Projection: { ProjectionType: 'ALL' }, ContributorInsightsSpecification: { Enabled: true } },
          ],
          Tags: [{ Key: 'env', Value: { Ref: 'Env' } }],
          TableClass: 'STANDARD_INFREQUENT_ACCESS',
          DeletionProtectionEnabled: true,
          SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: 'alias/x' },
          ContributorInsightsSpecification: { Enabled: true },
          TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: false },
        },
      },
      Q: { Type: 'AWS::SQS::Queue' },
    };
    const [table, ...rest] = tableInputsFromResources(model(resources), ctx);
    expect(rest).toEqual([]);
    expect(table?.createTableInput).toEqual({
      TableName: 'tidepool-dev-qa-t',
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
      LocalSecondaryIndexes: [{ IndexName: 'L', KeySchema: [], Projection: { ProjectionType: 'KEYS_ONLY' } }],
      GlobalSecondaryIndexes: [{ IndexName: 'G', KeySchema: [], Projection: { ProjectionType: 'ALL' } }],
      Tags: [{ Key: 'env', Value: 'qa' }],
      TableClass: 'STANDARD_INFREQUENT_ACCESS',
      DeletionProtectionEnabled: true,
      SSESpecification: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: 'alias/x' },
    });
    expect(table?.timeToLive).toEqual({ AttributeName: 'ttl', Enabled: false });
  });

  it('names the property when an intrinsic cannot be resolved', () => {
    const resources = { T: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: { Ref: 'Nope' } } } };
    expect(() => tableInputsFromResources(model(resources), ctx)).toThrow(ServiceError);
    expect(() => tableInputsFromResources(model(resources), ctx)).toThrow('resources.Resources.T.Properties.TableName');
  });
});
