import { DynamoDbError, constraintError, resourceNotFound, validationError } from '../errors';
import { streamLabel } from '../streams/StreamLog';
import { checkIndexUpdateNames } from './checkTableNames';
import { checkMultiAttributeKeys } from './multiAttributeKeys';
import { attributeDefinitionsOf, keySchemaOf, projectionOf } from './createTable';
import { describeTableOf } from './describeTableOf';
import { rebuiltTable } from './rebuiltTable';
import { tableNameOf } from './input';
import { withoutNulls } from './withoutNulls';
import type { Engine } from '../Engine';
import type { IndexDefinition, TableDefinition } from '../storage/Table';
import type { StreamViewType } from '../streams/types';
import type { OperationInput } from './input';

const INVALID = 'One or more parameter values were invalid: ';
const VIEW_TYPES: readonly string[] = ['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY'];
const TABLE_CLASSES: readonly string[] = ['STANDARD', 'STANDARD_INFREQUENT_ACCESS'];
type Throughput = { ReadCapacityUnits: number; WriteCapacityUnits: number };

/** What one UpdateTable call changes, computed before anything is applied (a rejected call changes nothing). */
interface Plan {
  definition: TableDefinition;
  stream: 'enable' | 'disable' | undefined;
  rebuild: boolean;
}

function throughputOf(value: unknown, member: string): Throughput {
  const pt = value as Partial<Throughput>;
  for (const key of ['ReadCapacityUnits', 'WriteCapacityUnits'] as const) {
    const n = pt[key];
    if (typeof n !== 'number' || !Number.isInteger(n)) throw constraintError(null, `${member}.${key[0]?.toLowerCase()}${key.slice(1)}`, 'Member must not be null');
    if (n < 1) throw constraintError(String(n), `${member}.${key[0]?.toLowerCase()}${key.slice(1)}`, 'Member must have value greater than or equal to 1');
  }
  return { ReadCapacityUnits: pt.ReadCapacityUnits as number, WriteCapacityUnits: pt.WriteCapacityUnits as number };
}

/** BillingMode / ProvisionedThroughput (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html). */
function planBilling(input: OperationInput, d: TableDefinition): void {
  const mode = input.BillingMode;
  if (mode !== undefined && mode !== 'PROVISIONED' && mode !== 'PAY_PER_REQUEST') {
    throw constraintError(mode, 'billingMode', 'Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]');
  }
  const target = (mode ?? d.billingMode) as TableDefinition['billingMode'];
  const pt = input.ProvisionedThroughput === undefined ? undefined : throughputOf(input.ProvisionedThroughput, 'provisionedThroughput');
  if (target === 'PAY_PER_REQUEST') {
    if (pt) throw validationError(`${INVALID}Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST`);
    if (d.billingMode !== target) {
      d.billingMode = target;
      delete d.provisionedThroughput;
      for (const index of d.indexes) delete index.provisionedThroughput;
    }
    return;
  }
  if (d.billingMode === 'PAY_PER_REQUEST') {
    if (!pt) throw validationError(`${INVALID}ProvisionedThroughput must be specified when BillingMode is PROVISIONED`);
    d.billingMode = 'PROVISIONED';
    d.provisionedThroughput = pt;
    for (const index of d.indexes) if (index.kind === 'GSI') index.provisionedThroughput = { ...pt };
    return;
  }
  if (!pt) return;
  const current = d.provisionedThroughput;
  if (current && current.ReadCapacityUnits === pt.ReadCapacityUnits && current.WriteCapacityUnits === pt.WriteCapacityUnits) {
    throw validationError(
      `The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: ${current.ReadCapacityUnits}. Requested ReadCapacityUnits: ${pt.ReadCapacityUnits}. Current WriteCapacityUnits provisioned for the table: ${current.WriteCapacityUnits}. Requested WriteCapacityUnits: ${pt.WriteCapacityUnits}. Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.`,
    );
  }
  d.provisionedThroughput = pt;
}

/** StreamSpecification: enable needs a view type, disable must not have one; an enabled stream cannot change in place. */
function planStream(input: OperationInput, d: TableDefinition): Plan['stream'] {
  const spec = input.StreamSpecification as { StreamEnabled?: unknown; StreamViewType?: unknown } | undefined;
  if (spec === undefined || spec === null) return undefined;
  if (typeof spec.StreamEnabled !== 'boolean') throw constraintError(null, 'streamSpecification.streamEnabled', 'Member must not be null');
  if (spec.StreamViewType !== undefined && !VIEW_TYPES.includes(spec.StreamViewType as string)) {
    throw constraintError(spec.StreamViewType, 'streamSpecification.streamViewType', 'Member must satisfy enum value set: [NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]');
  }
  if (spec.StreamEnabled) {
    if (spec.StreamViewType === undefined) throw validationError(`${INVALID}If stream is being enabled then UpdateViewType is required`);
    if (d.stream) throw validationError(`Table already has an enabled stream: TableName: ${d.name}`);
    return 'enable';
  }
  if (spec.StreamViewType !== undefined) throw validationError(`${INVALID}If stream is being disabled, then UpdateViewType must not be specified`);
  if (!d.stream) throw validationError(`Table has no stream to disable: TableName: ${d.name}`);
  return 'disable';
}

/** GlobalSecondaryIndexUpdates: one Create (backfilled) or Delete per call, any number of throughput Updates. */
function planIndexes(input: OperationInput, d: TableDefinition): boolean {
  const updates = input.GlobalSecondaryIndexUpdates;
  if (updates === undefined || updates === null) return false;
  if (!Array.isArray(updates)) throw validationError('Invalid globalSecondaryIndexUpdates: expected a list');
  const structural = updates.filter((u: Record<string, unknown>) => u.Create !== undefined || u.Delete !== undefined);
  if (structural.length > 1) {
    throw new DynamoDbError('LimitExceededException', 'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table');
  }
  let rebuild = false;
  for (const update of updates as Record<string, Record<string, unknown> | undefined>[]) {
    const actions = [update.Create, update.Update, update.Delete].filter((a) => a !== undefined);
    if (actions.length !== 1) throw validationError(`${INVALID}One of GlobalSecondaryIndexUpdate.Create, Update or Delete must be specified`);
    const action = actions[0] as Record<string, unknown>;
    const name = action.IndexName;
    if (typeof name !== 'string' || name.length < 3) throw constraintError(name, 'globalSecondaryIndexUpdates.1.member.indexName', 'Member must have length greater than or equal to 3');
    const existing = d.indexes.find((i) => i.name === name);
    if (update.Create) {
      if (existing) throw validationError(`${INVALID}Index with name: ${name} already exists`);
      d.indexes.push(newIndex(input, d, action, name));
      rebuild = true;
    } else if (update.Delete) {
      if (!existing || existing.kind !== 'GSI') throw resourceNotFound(`Requested resource not found: Index: ${name} not found`);
      d.indexes = d.indexes.filter((i) => i !== existing);
      rebuild = true;
    } else {
      if (!existing || existing.kind !== 'GSI') throw resourceNotFound(`Requested resource not found: Index: ${name} not found`);
      if (d.billingMode === 'PAY_PER_REQUEST' && action.ProvisionedThroughput !== undefined) {
        throw validationError(`${INVALID}Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST`);
      }
      if (action.ProvisionedThroughput !== undefined) existing.provisionedThroughput = throughputOf(action.ProvisionedThroughput, 'globalSecondaryIndexUpdates.1.member.update.provisionedThroughput');
    }
  }
  return rebuild;
}

function newIndex(input: OperationInput, d: TableDefinition, action: Record<string, unknown>, name: string): IndexDefinition {
  const given = input.AttributeDefinitions === undefined ? [] : attributeDefinitionsOf(input);
  const definitions = [...d.attributeDefinitions];
  for (const definition of given) {
    const known = definitions.find((x) => x.AttributeName === definition.AttributeName);
    if (known && known.AttributeType !== definition.AttributeType) {
      throw validationError(`${INVALID}Cannot change the type of an attribute in AttributeDefinitions: ${definition.AttributeName}`);
    }
    if (!known) definitions.push(definition);
  }
  const { schema, wire } = keySchemaOf(action.KeySchema, 'globalSecondaryIndexUpdates.1.member.create.keySchema', definitions);
  if (d.billingMode === 'PROVISIONED' && action.ProvisionedThroughput === undefined) {
    throw validationError(`${INVALID}ProvisionedThroughput is not specified for index: ${name}`);
  }
  if (d.billingMode === 'PAY_PER_REQUEST' && action.ProvisionedThroughput !== undefined) {
    throw validationError(`${INVALID}Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST`);
  }
  const used = new Set([d.schema.hash.name, d.schema.range?.name, ...d.indexes.flatMap((i) => [i.schema.hash.name, i.schema.range?.name]), schema.hash.name, schema.range?.name]);
  d.attributeDefinitions = definitions.filter((x) => used.has(x.AttributeName));
  return {
    name,
    kind: 'GSI',
    schema,
    keySchemaWire: wire,
    projection: projectionOf(action.Projection, name),
    ...(action.ProvisionedThroughput !== undefined ? { provisionedThroughput: throughputOf(action.ProvisionedThroughput, 'globalSecondaryIndexUpdates.1.member.create.provisionedThroughput') } : {}),
    arn: `${d.arn}/index/${name}`,
  };
}

function planSettings(input: OperationInput, d: TableDefinition): void {
  const sse = input.SSESpecification as Record<string, unknown> | undefined;
  if (sse !== undefined && sse !== null) {
    d.sseEnabled = sse.Enabled === true;
    if (d.sseEnabled) d.sseSpecification = sse;
    else delete d.sseSpecification;
  }
  if (input.TableClass !== undefined) {
    if (!TABLE_CLASSES.includes(input.TableClass as string)) throw constraintError(input.TableClass, 'tableClass', 'Member must satisfy enum value set: [STANDARD, STANDARD_INFREQUENT_ACCESS]');
    d.tableClass = input.TableClass as string;
  }
  if (input.DeletionProtectionEnabled !== undefined) {
    if (typeof input.DeletionProtectionEnabled !== 'boolean') throw validationError('Invalid deletionProtectionEnabled: expected a boolean');
    d.deletionProtectionEnabled = input.DeletionProtectionEnabled;
  }
}

const UPDATABLE = ['ProvisionedThroughput', 'BillingMode', 'StreamSpecification', 'GlobalSecondaryIndexUpdates', 'SSESpecification', 'TableClass', 'DeletionProtectionEnabled', 'ReplicaUpdates'];

/**
 * UpdateTable (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html): billing mode and
 * throughput, streams (enabling gives a new stream ARN and label; disabling closes the stream, which stays readable
 * for 24 hours; the view type changes only by disabling then enabling), GSI create (backfilled from the items) /
 * update / delete, SSE, table class and deletion protection. Changes apply at once (AWS passes through UPDATING).
 */
export function updateTable(engine: Engine, request: OperationInput): Record<string, unknown> {
  const input = withoutNulls(request);
  const table = engine.controlTable(tableNameOf(input));
  checkIndexUpdateNames(input);
  checkMultiAttributeKeys(input);
  if (!UPDATABLE.some((key) => input[key] !== undefined)) {
    throw validationError('At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required');
  }
  if (input.ReplicaUpdates !== undefined) throw validationError("Tidepool's local engine does not support global tables (ReplicaUpdates)");
  const current = table.definition;
  const definition: TableDefinition = structuredClone(current);
  planBilling(input, definition);
  const stream = planStream(input, definition);
  const rebuild = planIndexes(input, definition);
  planSettings(input, definition);
  if (engine.capacity) engine.capacity.decreases.check(current, definition, engine.options.clock.now());

  const now = engine.options.clock.now();
  if (stream === 'disable' && current.stream) {
    engine.streamLog.disableStream(current.stream.arn);
    delete definition.stream;
  }
  if (stream === 'enable') {
    const viewType = (input.StreamSpecification as { StreamViewType: StreamViewType }).StreamViewType;
    const label = streamLabel(now);
    definition.stream = { viewType, label, arn: `${definition.arn}/stream/${label}` };
    engine.streamLog.createStream(definition.stream.arn, engine.options.region, viewType, { keySchema: definition.keySchemaWire });
  }
  if (rebuild) {
    const next = rebuiltTable(table, definition, current.indexes);
    engine.tables.set(definition.name, next);
    return { TableDescription: describeTableOf(next) };
  }
  Object.assign(current, definition);
  if (!definition.stream) delete current.stream;
  if (!definition.provisionedThroughput) delete current.provisionedThroughput;
  if (!definition.sseSpecification) delete current.sseSpecification;
  return { TableDescription: describeTableOf(table) };
}
