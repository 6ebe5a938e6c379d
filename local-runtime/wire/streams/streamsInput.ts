import { constraintError } from '../../engine/errors';
import type { OperationInput } from '../../engine/operations/input';

/** A required string member with AWS's length constraints. */
export function requiredString(input: OperationInput, key: string, member: string, min: number, max: number): string {
  const value = input[key];
  if (value === undefined || value === null) throw constraintError(null, member, 'Member must not be null');
  if (typeof value !== 'string') throw constraintError(value, member, 'Member must be a string');
  if (value.length < min) throw constraintError(value, member, `Member must have length greater than or equal to ${min}`);
  if (value.length > max) throw constraintError(value, member, `Member must have length less than or equal to ${max}`);
  return value;
}

/** An optional string member with AWS's length constraints. */
export function optionalLengthString(input: OperationInput, key: string, member: string, min: number, max: number): string | undefined {
  return input[key] === undefined || input[key] === null ? undefined : requiredString(input, key, member, min, max);
}
