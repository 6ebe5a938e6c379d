import { constraintError, resourceNotFound, validationError } from '../errors';
import { assertTagCount, checkedTags, taggedTableName } from './tagRules';
import type { Engine } from '../Engine';
import type { Table } from '../storage/Table';
import type { OperationInput } from './input';

function arnOf(input: OperationInput): string {
  taggedTableName(input.ResourceArn);
  return input.ResourceArn as string;
}

/** The table an ARN names in this engine (region and account included), or ResourceNotFoundException with `notFound`. */
function tableOf(engine: Engine, arn: string, notFound: string): Table {
  const name = taggedTableName(arn);
  // An ARN of another region: AWS's ValidationException (ack-api-quirks DynamoDB catalogue, DDB-TABLE-442).
  if (arn.split(':')[3] !== engine.options.region) throw validationError(`Invalid TableArn: Invalid ResourceArn provided as input ${arn}`);
  const table = engine.tables.get(name);
  if (!table || table.definition.arn !== arn) throw resourceNotFound(notFound);
  return table;
}

function tagsOf(input: OperationInput): { Key: string; Value: string }[] {
  const tags = input.Tags;
  if (tags === undefined || tags === null) throw constraintError(null, 'tags', 'Member must not be null');
  if (!Array.isArray(tags) || tags.length === 0) throw validationError('Atleast one Tag needs to be provided as Input.');
  return checkedTags(tags, 'tags');
}

/**
 * TagResource (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TagResource.html): adds or
 * overwrites tags on a table named by ARN; at most 50 tags per table (see tagRules).
 */
export function tagResource(engine: Engine, input: OperationInput): Record<string, unknown> {
  const arn = arnOf(input);
  const tags = tagsOf(input);
  const table = tableOf(engine, arn, `Requested resource not found: ResourcArn: ${arn} not found`);
  const merged = new Map(table.definition.tags.map((t) => [t.Key, t.Value]));
  for (const tag of tags) merged.set(tag.Key, tag.Value);
  assertTagCount(merged.size);
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
