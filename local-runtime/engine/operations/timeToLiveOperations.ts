import { constraintError, validationError } from '../errors';
import { tableNameOf } from './input';
import type { Engine } from '../Engine';
import type { OperationInput } from './input';

interface TimeToLiveSpecification {
  Enabled: boolean;
  AttributeName: string;
}

/**
 * The request's TimeToLiveSpecification, checked member by member before the table is looked up
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TimeToLiveSpecification.html:
 * both members required, AttributeName 1–255 characters).
 */
function specificationOf(input: OperationInput): TimeToLiveSpecification {
  const spec = input.TimeToLiveSpecification;
  if (spec === undefined || spec === null) throw constraintError(null, 'timeToLiveSpecification', 'Member must not be null');
  if (typeof spec !== 'object' || Array.isArray(spec)) throw validationError('Invalid timeToLiveSpecification: expected a structure');
  const { Enabled: enabled, AttributeName: name } = spec as Record<string, unknown>;
  if (name === undefined || name === null) throw constraintError(null, 'timeToLiveSpecification.attributeName', 'Member must not be null');
  if (typeof name !== 'string') throw validationError('Invalid timeToLiveSpecification.attributeName: expected a string');
  if (name.length < 1) throw constraintError(name, 'timeToLiveSpecification.attributeName', 'Member must have length greater than or equal to 1');
  if (name.length > 255) throw constraintError(name, 'timeToLiveSpecification.attributeName', 'Member must have length less than or equal to 255');
  if (enabled === undefined || enabled === null) throw constraintError(null, 'timeToLiveSpecification.enabled', 'Member must not be null');
  if (typeof enabled !== 'boolean') throw validationError('Invalid timeToLiveSpecification.enabled: expected a boolean');
  return { Enabled: enabled, AttributeName: name };
}

/**
 * UpdateTimeToLive (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html):
 * stores the specification (expiry itself runs in the TTL sweeper). TTL lives on one attribute: while it is
 * on, any request naming another attribute is refused with the current one; enabling it again, or disabling it
 * while it is off, is refused too. The change is immediate locally (AWS: up to an hour; see local-runtime/README.md).
 */
export function updateTimeToLive(engine: Engine, input: OperationInput): Record<string, unknown> {
  const tableName = tableNameOf(input);
  const spec = specificationOf(input);
  const table = engine.controlTable(tableName);
  const current = table.definition.timeToLive;
  const active = current?.Enabled === true;
  if (active && current.AttributeName !== spec.AttributeName) {
    throw validationError(`TimeToLive is active on a different AttributeName: current AttributeName is ${current.AttributeName}`);
  }
  if (active && spec.Enabled) throw validationError('TimeToLive is already enabled');
  if (!active && !spec.Enabled) throw validationError('TimeToLive is already disabled');
  table.definition.timeToLive = { AttributeName: spec.AttributeName, Enabled: spec.Enabled };
  return { TimeToLiveSpecification: { Enabled: spec.Enabled, AttributeName: spec.AttributeName } };
}

/** DescribeTimeToLive (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTimeToLive.html). */
export function describeTimeToLive(engine: Engine, input: OperationInput): Record<string, unknown> {
  const ttl = engine.controlTable(tableNameOf(input)).definition.timeToLive;
  return { TimeToLiveDescription: ttl?.Enabled ? { TimeToLiveStatus: 'ENABLED', AttributeName: ttl.AttributeName } : { TimeToLiveStatus: 'DISABLED' } };
}
