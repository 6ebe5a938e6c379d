import { constraintError, validationError } from '../errors';

/**
 * DynamoDB's tagging rules and messages. Restrictions: keys 1–128 characters, values 0–256, of Unicode letters, digits,
 * white space and `_ . : / = + - @`; no `aws:` key prefix; at most 50 tags per table
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Tagging.html#TaggingRestrictions). The messages are
 * AWS's as recorded in the ack-api-quirks DynamoDB ValidationException catalogue (DDB-TABLE-442, verified against AWS).
 */
export const MAX_TAGS = 50;

const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const INVALID = 'One or more parameter values were invalid: ';

/** The tags of a TagResource or CreateTable request, checked; `member` is AWS's member path (`tags`). */
export function checkedTags(list: unknown[], member: string): { Key: string; Value: string }[] {
  const seen = new Set<string>();
  const tags = list.map((raw, i) => {
    const tag = (typeof raw === 'object' && raw !== null ? raw : {}) as { Key?: unknown; Value?: unknown };
    const path = `${member}.${i + 1}.member`;
    if (tag.Key === undefined || tag.Key === null) throw constraintError(null, `${path}.key`, 'Member must not be null');
    if (typeof tag.Key !== 'string') throw validationError(`The Tag Key provided is invalid, Key: ${String(tag.Key)}`);
    if (tag.Key.length < 1) throw constraintError(tag.Key, `${path}.key`, 'Member must have length greater than or equal to 1');
    if (tag.Key.length > 128) throw constraintError(tag.Key, `${path}.key`, 'Member must have length less than or equal to 128');
    if (typeof tag.Value !== 'string') throw validationError(`The Tag Value provided is invalid, Value: ${tag.Value === undefined || tag.Value === null ? 'null' : String(tag.Value)}`);
    if (tag.Value.length > 256) throw constraintError(tag.Value, `${path}.value`, 'Member must have length less than or equal to 256');
    if (!TAG_TEXT.test(tag.Key)) throw validationError(`The Tag Key provided is invalid, Key: ${tag.Key}`);
    if (!TAG_TEXT.test(tag.Value)) throw validationError(`The Tag Value provided is invalid, Value: ${tag.Value}`);
    if (tag.Key.startsWith('aws:')) throw validationError(`Tag Key cannot be prefixed with aws:, Key: ${tag.Key}`);
    return { Key: tag.Key, Value: tag.Value };
  });
  for (const tag of tags) {
    if (seen.has(tag.Key)) throw validationError(`Duplicate Tag Keys provided as input: Duplicate Tag Key found ${tag.Key}`);
    seen.add(tag.Key);
  }
  return tags;
}

/** More than 50 tags on a table: a ValidationException (not LimitExceededException). */
export function assertTagCount(count: number): void {
  if (count > MAX_TAGS) throw validationError('Number of Tags exceed the current limit for the provided ResourceArn');
}

const TABLE_ARN = /^arn:aws[a-z-]*:dynamodb:[^:]+:\d+:table\/([^/]{3,255})$/;

/**
 * A tagging operation's ResourceArn, checked as DynamoDB checks it: `arn:` first, a DynamoDB ARN, a table (or stream)
 * rather than an index, then the table ARN's shape. Returns the table name it names.
 */
export function taggedTableName(arn: unknown): string {
  if (arn === undefined || arn === null) throw validationError('Invalid TableArn');
  if (typeof arn !== 'string') throw validationError(`Invalid TableArn: Invalid ResourceArn provided as input ${String(arn)}`);
  if (!arn.startsWith('arn:')) throw validationError(`${INVALID}ARNs must start with 'arn:': ${arn}`);
  const parts = arn.split(':');
  if (parts[2] !== 'dynamodb') throw validationError(`${INVALID}Provided Arn is not a DynamoDB resource arn: ${arn}`);
  const resource = parts.slice(5).join(':');
  if (/^table\/[^/]+\/index\//.test(resource)) throw validationError(`${INVALID}Invalid resource arn provided, only table or stream is accepted. Provided resource arn: ${arn}`);
  const name = TABLE_ARN.exec(arn)?.[1];
  if (name === undefined) throw validationError(`Invalid TableArn: Invalid ResourceArn provided as input ${arn}`);
  return name;
}

/** CreateTable's Tags, checked by the same rules as TagResource's (an empty list is no tags). */
export function tagsAtCreation(input: { Tags?: unknown }): { Key: string; Value: string }[] {
  if (input.Tags === undefined || input.Tags === null) return [];
  if (!Array.isArray(input.Tags)) throw validationError('Invalid tags: expected a list');
  const tags = checkedTags(input.Tags, 'tags');
  assertTagCount(tags.length);
  return tags;
}
