import { constraintError, validationError } from '../../engine/errors';
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

/**
 * A stream ARN member (`arn:<partition>:dynamodb:<region>:<account>:table/<name>/stream/<label>`): anything else is
 * DynamoDB Streams' `Invalid StreamArn` ValidationException (aws-sdk-js's integration test against DynamoDB Streams
 * expects it for `StreamArn: 'fake-stream'`, shorter than the documented minimum of 37, so the format check comes first).
 */
export function streamArnOf(input: OperationInput, key = 'StreamArn', member = 'streamArn'): string {
  const value = input[key];
  if (value === undefined || value === null) throw constraintError(null, member, 'Member must not be null');
  if (typeof value !== 'string' || !STREAM_ARN.test(value)) throw validationError(`Invalid ${key}`);
  if (value.length > 1024) throw constraintError(value, member, 'Member must have length less than or equal to 1024');
  return value;
}

const STREAM_ARN = /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[^/\s]+\/stream\/[^/\s]+$/;
