import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../Engine';

const ARN = 'arn:aws:dynamodb:us-east-1:000000000000:table/things';

async function engineWithTable(tags: { Key: string; Value: string }[] = []): Promise<Engine> {
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock() });
  await engine.execute('CreateTable', {
    TableName: 'things',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    ...(tags.length > 0 ? { Tags: tags } : {}),
  });
  return engine;
}

// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TagResource.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UntagResource.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTagsOfResource.html
// Restrictions: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Tagging.html
describe('TagResource / UntagResource / ListTagsOfResource', () => {
  it('lists tags given at CreateTable, adds, overwrites and removes by table ARN', async () => {
    const engine = await engineWithTable([{ Key: 'team', Value: 'a' }]);
    expect(await engine.execute('ListTagsOfResource', { ResourceArn: ARN })).toEqual({ Tags: [{ Key: 'team', Value: 'a' }] });
    expect(await engine.execute('TagResource', { ResourceArn: ARN, Tags: [{ Key: 'team', Value: 'b' }, { Key: 'env', Value: '' }] })).toEqual({});
    expect(await engine.execute('ListTagsOfResource', { ResourceArn: ARN })).toEqual({ Tags: [{ Key: 'team', Value: 'b' }, { Key: 'env', Value: '' }] });
    expect(await engine.execute('UntagResource', { ResourceArn: ARN, TagKeys: ['team', 'absent'] })).toEqual({});
    expect(await engine.execute('ListTagsOfResource', { ResourceArn: ARN })).toEqual({ Tags: [{ Key: 'env', Value: '' }] });
  });

  it('refuses more than 50 tags per table and changes nothing', async () => {
    const engine = await engineWithTable();
    const tags = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    // A ValidationException, not LimitExceededException (ack-api-quirks DynamoDB catalogue DDB-TABLE-442, verified against AWS).
    await expect(engine.execute('TagResource', { ResourceArn: ARN, Tags: tags })).rejects.toMatchObject({
      type: 'ValidationException',
      message: 'Number of Tags exceed the current limit for the provided ResourceArn',
    });
    expect(await engine.execute('ListTagsOfResource', { ResourceArn: ARN })).toEqual({ Tags: [] });
    await engine.execute('TagResource', { ResourceArn: ARN, Tags: tags.slice(0, 50) });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a missing ARN', { Tags: [{ Key: 'a', Value: 'b' }] }, 'Invalid TableArn'],
    ['a malformed ARN', { ResourceArn: 'arn:aws:dynamodb:us-east-1:000000000000:things', Tags: [{ Key: 'a', Value: 'b' }] }, 'Invalid TableArn: Invalid ResourceArn provided as input arn:aws:dynamodb:us-east-1:000000000000:things'],
    ['an ARN of another service', { ResourceArn: 'arn:aws:s3:::bucket', Tags: [{ Key: 'a', Value: 'b' }] }, 'One or more parameter values were invalid: Provided Arn is not a DynamoDB resource arn: arn:aws:s3:::bucket'],
    ['missing tags', { ResourceArn: ARN }, "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null"],
    ['no tags', { ResourceArn: ARN, Tags: [] }, 'Atleast one Tag needs to be provided as Input.'],
    ['a 129-character key', { ResourceArn: ARN, Tags: [{ Key: 'k'.repeat(129), Value: 'v' }] }, `1 validation error detected: Value '${'k'.repeat(129)}' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128`],
    ['a 257-character value', { ResourceArn: ARN, Tags: [{ Key: 'k', Value: 'v'.repeat(257) }] }, `1 validation error detected: Value '${'v'.repeat(257)}' at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256`],
  ])('TagResource rejects %s', async (_what, input, message) => {
    const engine = await engineWithTable();
    await expect(engine.execute('TagResource', input)).rejects.toMatchObject({ type: 'ValidationException', message });
  });

  it('reports an unknown table ARN as ResourceNotFoundException, as DynamoDB words it per operation (an ARN of another region is invalid)', async () => {
    const engine = await engineWithTable();
    const other = 'arn:aws:dynamodb:us-east-1:000000000000:table/other';
    await expect(engine.execute('TagResource', { ResourceArn: other, Tags: [{ Key: 'a', Value: 'b' }] })).rejects.toMatchObject({
      type: 'ResourceNotFoundException',
      message: `Requested resource not found: ResourcArn: ${other} not found`,
    });
    await expect(engine.execute('ListTagsOfResource', { ResourceArn: other })).rejects.toMatchObject({ type: 'ResourceNotFoundException' });
    await expect(engine.execute('UntagResource', { ResourceArn: other, TagKeys: ['a'] })).rejects.toMatchObject({ type: 'ResourceNotFoundException', message: 'Requested resource not found' });
    const otherRegion = 'arn:aws:dynamodb:eu-west-1:000000000000:table/things';
    await expect(engine.execute('ListTagsOfResource', { ResourceArn: otherRegion })).rejects.toMatchObject({
      type: 'ValidationException',
      message: `Invalid TableArn: Invalid ResourceArn provided as input ${otherRegion}`,
    });
  });

  it('UntagResource requires at least one key', async () => {
    const engine = await engineWithTable();
    await expect(engine.execute('UntagResource', { ResourceArn: ARN, TagKeys: [] })).rejects.toMatchObject({ message: 'Atleast one Tag Key needs to be provided as Input.' });
  });
});

// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeEndpoints.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeLimits.html
describe('DescribeEndpoints / DescribeLimits', () => {
  it('answers the regional endpoint with a 1440-minute cache period', async () => {
    const engine = new Engine({ region: 'eu-west-1', accountId: '0', clock: new VirtualClock() });
    expect(await engine.execute('DescribeEndpoints', {})).toEqual({ Endpoints: [{ Address: 'dynamodb.eu-west-1.amazonaws.com', CachePeriodInMinutes: 1440 }] });
  });

  it('answers the default account and table capacity quotas', async () => {
    const engine = new Engine({ region: 'us-east-1', accountId: '0', clock: new VirtualClock() });
    expect(await engine.execute('DescribeLimits', {})).toEqual({
      AccountMaxReadCapacityUnits: 80000,
      AccountMaxWriteCapacityUnits: 80000,
      TableMaxReadCapacityUnits: 40000,
      TableMaxWriteCapacityUnits: 40000,
    });
  });
});
