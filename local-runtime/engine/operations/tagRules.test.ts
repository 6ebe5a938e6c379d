import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../Engine';
import { rejection } from '../testing/rejection';

const ARN = 'arn:aws:dynamodb:us-east-1:000000000000:table/tagged';
const newEngine = () => new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock(Date.UTC(2026, 0, 1)) });
const createTable = (engine: Engine, tags?: unknown) =>
  engine.execute('CreateTable', {
    TableName: 'tagged',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    ...(tags === undefined ? {} : { Tags: tags }),
  });
const tag = async (tags: unknown[]) => {
  const engine = newEngine();
  await createTable(engine);
  return (await rejection(engine.execute('TagResource', { ResourceArn: ARN, Tags: tags }))).message;
};

// Tag restrictions: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Tagging.html#TaggingRestrictions.
// Messages: the ack-api-quirks DynamoDB ValidationException catalogue (DDB-TABLE-442), recorded against AWS.
describe('tag rules', () => {
  it('refuses characters outside letters, digits, spaces and _ . : / = + - @ in keys and values', async () => {
    expect(await tag([{ Key: 'a#b', Value: 'v' }])).toBe('The Tag Key provided is invalid, Key: a#b');
    expect(await tag([{ Key: 'k', Value: 'v*' }])).toBe('The Tag Value provided is invalid, Value: v*');
    const engine = newEngine();
    await createTable(engine);
    await engine.execute('TagResource', { ResourceArn: ARN, Tags: [{ Key: 'Ünïcode key_.:/=+-@ 1', Value: 'välue ok' }] });
    expect(await engine.execute('ListTagsOfResource', { ResourceArn: ARN })).toEqual({ Tags: [{ Key: 'Ünïcode key_.:/=+-@ 1', Value: 'välue ok' }] });
  });

  it('a missing value, the aws: prefix and a key given twice', async () => {
    expect(await tag([{ Key: 'k' }])).toBe('The Tag Value provided is invalid, Value: null');
    expect(await tag([{ Key: 'aws:cost', Value: 'v' }])).toBe('Tag Key cannot be prefixed with aws:, Key: aws:cost');
    expect(await tag([{ Key: 'k', Value: '1' }, { Key: 'k', Value: '2' }])).toBe('Duplicate Tag Keys provided as input: Duplicate Tag Key found k');
  });

  it('CreateTable applies the same rules and the 50-tag limit, and creates nothing when they fail', async () => {
    const engine = newEngine();
    expect((await rejection(createTable(engine, [{ Key: 'bad!', Value: 'v' }]))).message).toBe('The Tag Key provided is invalid, Key: bad!');
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    expect((await rejection(createTable(engine, many))).message).toBe('Number of Tags exceed the current limit for the provided ResourceArn');
    expect(await engine.execute('ListTables', {})).toEqual({ TableNames: [] });
    await createTable(engine, [{ Key: 'team', Value: 'core' }]);
    expect(await engine.execute('ListTagsOfResource', { ResourceArn: ARN })).toEqual({ Tags: [{ Key: 'team', Value: 'core' }] });
  });
});

describe('malformed resource ARNs', () => {
  const list = async (arn: string) => {
    const engine = newEngine();
    await createTable(engine);
    return (await rejection(engine.execute('ListTagsOfResource', { ResourceArn: arn }))).message;
  };

  it('answer as DynamoDB does, by what is wrong', async () => {
    expect(await list('table/tagged')).toBe("One or more parameter values were invalid: ARNs must start with 'arn:': table/tagged");
    expect(await list('arn:aws:sqs:us-east-1:000000000000:queue')).toBe('One or more parameter values were invalid: Provided Arn is not a DynamoDB resource arn: arn:aws:sqs:us-east-1:000000000000:queue');
    expect(await list(`${ARN}/index/byX`)).toBe(
      `One or more parameter values were invalid: Invalid resource arn provided, only table or stream is accepted. Provided resource arn: ${ARN}/index/byX`,
    );
  });
});
