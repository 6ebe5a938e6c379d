import { createHash } from 'node:crypto';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { resolveIntrinsics, resolveString } from './resolveIntrinsics';
import type { IntrinsicContext } from './resolveIntrinsics';
import type { CfnValue, ServiceModel } from './ServiceModel';

/** One `AWS::DynamoDB::Table` of the service, as the DynamoDB API calls that create it. */
export interface TableInput {
  logicalId: string;
  createTableInput: CreateTableCommandInput;
  /** From TimeToLiveSpecification: apply with UpdateTimeToLive after CreateTable. */
  timeToLive?: { AttributeName: string; Enabled: boolean };
}

type Props = Record<string, CfnValue>;
type Mapper = (value: unknown) => Partial<CreateTableCommandInput>;

/** Index properties CreateTable accepts (CloudFormation adds e.g. ContributorInsightsSpecification). */
const GSI_KEYS = ['IndexName', 'KeySchema', 'Projection', 'ProvisionedThroughput', 'OnDemandThroughput', 'WarmThroughput'];
const LSI_KEYS = ['IndexName', 'KeySchema', 'Projection'];

/**
 * CloudFormation property → CreateTable input. Names are mostly 1:1; the differences:
 * CFN's StreamSpecification has only StreamViewType (its presence enables the stream) and
 * SSESpecification.SSEEnabled is CreateTable's SSESpecification.Enabled.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dynamodb-table.html
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
 */
const PROPERTY_MAP: Record<string, Mapper> = {
  AttributeDefinitions: (v) => ({ AttributeDefinitions: v as CreateTableCommandInput['AttributeDefinitions'] }),
  KeySchema: (v) => ({ KeySchema: v as CreateTableCommandInput['KeySchema'] }),
  GlobalSecondaryIndexes: (v) => ({ GlobalSecondaryIndexes: pickEach(v, GSI_KEYS) as CreateTableCommandInput['GlobalSecondaryIndexes'] }),
  LocalSecondaryIndexes: (v) => ({ LocalSecondaryIndexes: pickEach(v, LSI_KEYS) as CreateTableCommandInput['LocalSecondaryIndexes'] }),
  BillingMode: (v) => ({ BillingMode: v as CreateTableCommandInput['BillingMode'] }),
  ProvisionedThroughput: (v) => ({ ProvisionedThroughput: v as CreateTableCommandInput['ProvisionedThroughput'] }),
  OnDemandThroughput: (v) => ({ OnDemandThroughput: v as CreateTableCommandInput['OnDemandThroughput'] }),
  WarmThroughput: (v) => ({ WarmThroughput: v as CreateTableCommandInput['WarmThroughput'] }),
  StreamSpecification: (v) => {
    const { StreamViewType } = v as { StreamViewType?: string };
    return { StreamSpecification: { StreamEnabled: true, StreamViewType: StreamViewType as never } };
  },
  SSESpecification: (v) => {
    const { SSEEnabled, SSEType, KMSMasterKeyId } = v as { SSEEnabled?: boolean; SSEType?: string; KMSMasterKeyId?: string };
    return { SSESpecification: defined({ Enabled: SSEEnabled, SSEType: SSEType as never, KMSMasterKeyId }) };
  },
  Tags: (v) => ({ Tags: v as CreateTableCommandInput['Tags'] }),
  TableClass: (v) => ({ TableClass: v as CreateTableCommandInput['TableClass'] }),
  DeletionProtectionEnabled: (v) => ({ DeletionProtectionEnabled: v as boolean }),
};

/**
 * Every `AWS::DynamoDB::Table` in the service's resources as a CreateTable input (intrinsics
 * resolved against `ctx`) plus its TTL setting. A table without TableName gets a name shaped
 * like CloudFormation's generated ones (`tidepool-dev-OrdersTable-1A2B3C4D5E6F`), stable per
 * service, stage and logical id.
 */
export function tableInputsFromResources(model: ServiceModel, ctx: IntrinsicContext): TableInput[] {
  const tables: TableInput[] = [];
  for (const [logicalId, resource] of Object.entries(model.resources)) {
    if (resource.Type !== 'AWS::DynamoDB::Table') continue;
    const where = `resources.Resources.${logicalId}.Properties`;
    const props = (resource.Properties ?? {}) as Props;
    let input: Partial<CreateTableCommandInput> = {
      TableName: props.TableName === undefined ? generatedTableName(model, logicalId) : resolveString(props.TableName, ctx, `${where}.TableName`),
    };
    for (const [name, map] of Object.entries(PROPERTY_MAP)) {
      if (props[name] !== undefined) input = { ...input, ...map(resolveIntrinsics(props[name], ctx, `${where}.${name}`)) };
    }
    const table: TableInput = { logicalId, createTableInput: input as CreateTableCommandInput };
    const ttl = props.TimeToLiveSpecification === undefined ? undefined : resolveIntrinsics(props.TimeToLiveSpecification, ctx, `${where}.TimeToLiveSpecification`);
    if (isTtl(ttl)) table.timeToLive = { AttributeName: ttl.AttributeName, Enabled: ttl.Enabled === true };
    tables.push(table);
  }
  return tables;
}

/**
 * The name CloudFormation would generate for an unnamed table: `<stack>-<LogicalId>-<SUFFIX>`,
 * at most 255 characters; the suffix is derived from the stack and logical id, not random.
 */
export function generatedTableName(model: ServiceModel, logicalId: string): string {
  const stack = `${model.service}-${model.stage}`;
  const suffix = createHash('sha256').update(`${stack}/${logicalId}`).digest('hex').slice(0, 12).toUpperCase();
  return `${`${stack}-${logicalId}`.slice(0, 255 - suffix.length - 1)}-${suffix}`;
}

function isTtl(value: unknown): value is { AttributeName: string; Enabled?: boolean } {
  return value !== null && typeof value === 'object' && typeof (value as { AttributeName?: unknown }).AttributeName === 'string';
}

function pickEach(value: unknown, keys: readonly string[]): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((entry: Record<string, unknown>) => Object.fromEntries(keys.filter((key) => entry[key] !== undefined).map((key) => [key, entry[key]])));
}

function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
