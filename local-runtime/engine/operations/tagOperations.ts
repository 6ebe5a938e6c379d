import { DynamoDbError, constraintError, resourceNotFound, validationError } from '../errors';
import type { Engine } from '../Engine';
import type { Table } from '../storage/Table';
import type { OperationInput } from './input';

/** Tags per resource (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Tagging.html#TaggingRestrictions). */
const MAX_TAGS = 50;
const TABLE_ARN = /^arn:aws[a-z-]*:dynamodb:[^:]+:\d+:table\/([^/]{3,255})$/;

function arnOf(input: OperationInput): string {
  const arn = input.ResourceArn;
  if (arn === undefined || arn === null) throw validationError('Invalid TableArn');
  if (typeof arn !== 'string' || !TABLE_ARN.test(arn)) throw validationError(`Invalid TableArn: Invalid ResourceArn provided as input ${String(arn)}`);
  return arn;
}

/** The table an ARN names in this engine (region and account included), or ResourceNotFoundException with `notFound`. */
function tableOf(engine: Engine, arn: string, notFound: string): Table {
  const name = TABLE_ARN.exec(arn)?.[1] ?? '';
  const table = engine.tables.get(name);
  if (!table || table.definition.arn !== arn) throw resourceNotFound(notFound);
  return table;
}

function tagsOf(input: OperationInput): { Key: string; Value: string }[] {
  const tags = input.Tags;
  if (tags === undefined || tags === null) throw constraintError(null, 'tags', 'Member must not be null');
  if (!Array.isArray(tags) || tags.length === 0) throw validationError('Atleast one Tag needs to be provided as Input.');
  return tags.map((tag: { Key?: unknown; Value?: unknown }, i) => {
    const member = `tags.${i + 1}.member`;
    if (typeof tag?.Key !== 'string') throw constraintError(null, `${member}.key`, 'Member must not be null');
    if (typeof tag.Value !== 'string') throw constraintError(null, `${member}.value`, 'Member must not be null');
    if (tag.Key.length < 1) throw constraintError(tag.Key, `${member}.key`, 'Member must have length greater than or equal to 1');
    if (tag.Key.length > 128) throw constraintError(tag.Key, `${member}.key`, 'Member must have length less than or equal to 128');
    if (tag.Value.length > 256) throw constraintError(tag.Value, `${member}.value`, 'Member must have length less than or equal to 256');
    if (tag.Key.startsWith('aws:')) throw validationError(`${'One or more parameter values were invalid: '}Tag key ${tag.Key} uses the reserved prefix aws:`);
    return { Key: tag.Key, Value: tag.Value };
  });
}

/**
 * TagResource (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TagResource.html): adds or
 * overwrites tags on a table named by ARN; at most 50 tags per table.
 */
export function tagResource(engine: Engine, input: OperationInput): Record<string, unknown> {
  const arn = arnOf(input);
  const tags = tagsOf(input);
  const table = tableOf(engine, arn, `Requested resource not found: ResourcArn: ${arn} not found`);
  const merged = new Map(table.definition.tags.map((t) => [t.Key, t.Value]));
  for (const tag of tags) merged.set(tag.Key, tag.Value);
  if (merged.size > MAX_TAGS) {
    throw new DynamoDbError('LimitExceededException', `The number of tags on the resource would exceed the maximum of ${MAX_TAGS}`);
  }
  table.definition.tags = [...merged].map(([Key, Value]) => ({ Key, Value }));
  return {};
}

/** UntagResource (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UntagResource.html). */
export function untagResource(engine: Engine, input: OperationInput): Record<string, unknown> {
  const arn = arnOf(input);
  const keys = input.TagKeys;
  if (keys === undefined || keys === null) throw constraintError(null, 'tagKeys', 'Member must not be null');
  if (!Array.isArray(keys) || keys.length === 0) throw validationError('Atleast one Tag Key needs to be provided as Input.');
  const table = tableOf(engine, arn, 'Requested resource not found');
  const removed = new Set(keys.map(String));
  table.definition.tags = table.definition.tags.filter((t) => !removed.has(t.Key));
  return {};
}

/**
 * ListTagsOfResource (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTagsOfResource.html):
 * all of a table's tags in one page (50 at most, so NextToken is never returned).
 */
export function listTagsOfResource(engine: Engine, input: OperationInput): Record<string, unknown> {
  const arn = arnOf(input);
  const table = tableOf(engine, arn, `Requested resource not found: ResourcArn: ${arn} not found`);
  return { Tags: table.definition.tags.map((t) => ({ Key: t.Key, Value: t.Value })) };
}
