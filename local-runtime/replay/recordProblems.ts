import { itemProblems, type ShapeProblem } from './attributeValueProblems';

const EVENT_NAMES = new Set(['INSERT', 'MODIFY', 'REMOVE']);
const VIEW_TYPES = new Set(['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES']);
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every problem of one DynamoDB stream record, in the shape GetRecords returns or Lambda delivers
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_Record.html): eventName,
 * the key and images in DynamoDB JSON, SequenceNumber, ApproximateCreationDateTime, StreamViewType.
 * Fields replay does not use (eventID, awsRegion, …) are passed to the handler as they are.
 */
export function recordProblems(record: unknown): ShapeProblem[] {
  if (!isObject(record)) return [{ field: '(record)', message: 'expected a stream record object {"eventName": …, "dynamodb": {…}}' }];
  const problems: ShapeProblem[] = [];
  if (typeof record['eventName'] !== 'string' || !EVENT_NAMES.has(record['eventName'])) {
    problems.push({ field: 'eventName', message: `expected INSERT, MODIFY or REMOVE, got ${JSON.stringify(record['eventName'])}` });
  }
  const dynamodb = record['dynamodb'];
  if (!isObject(dynamodb)) {
    problems.push({ field: 'dynamodb', message: 'expected an object with Keys, SequenceNumber, …' });
    return problems;
  }
  if (dynamodb['Keys'] === undefined) problems.push({ field: 'dynamodb.Keys', message: 'missing' });
  else itemProblems(dynamodb['Keys'], 'dynamodb.Keys', problems);
  for (const image of ['NewImage', 'OldImage'] as const) {
    if (dynamodb[image] !== undefined) itemProblems(dynamodb[image], `dynamodb.${image}`, problems);
  }
  const sequence = dynamodb['SequenceNumber'];
  if (typeof sequence !== 'string' || !/^\d{1,40}$/.test(sequence)) {
    problems.push({ field: 'dynamodb.SequenceNumber', message: `expected a string of digits, got ${JSON.stringify(sequence)}` });
  }
  const created = dynamodb['ApproximateCreationDateTime'];
  if (typeof created !== 'number' || !Number.isFinite(created) || created < 0) {
    problems.push({ field: 'dynamodb.ApproximateCreationDateTime', message: `expected epoch seconds as a number, got ${JSON.stringify(created)}` });
  }
  const view = dynamodb['StreamViewType'];
  if (typeof view !== 'string' || !VIEW_TYPES.has(view)) {
    problems.push({ field: 'dynamodb.StreamViewType', message: `expected KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES, got ${JSON.stringify(view)}` });
  }
  return problems;
}
