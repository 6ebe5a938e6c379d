import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { conditionalCheckFailed, FakeDynamoDbHandler, fakeDynamoDbConfig, type Responder } from '../testing/fakeDynamoDbHandler';
import { ConflictError, EntityTypeMismatchError, EntityValidationError } from './errors';
import { Repository, type StreamImage } from './Repository';
import { aWidget, Widget } from './testEntity';

type WidgetEntity = typeof aWidget;

function repositoryWith(responder: Responder) {
  const handler = new FakeDynamoDbHandler(responder);
  const client = DynamoDBDocumentClient.from(new DynamoDBClient(fakeDynamoDbConfig(handler)), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { handler, repo: new Repository(Widget, () => 'widgets', client) };
}

describe('Repository', () => {
  it('infers the entity type from the entity schema', () => {
    const { repo } = repositoryWith(() => ({ body: {} }));
    expectTypeOf(repo.get).parameter(0).toEqualTypeOf<{ id: string }>();
    expectTypeOf(repo.get).returns.resolves.toEqualTypeOf<WidgetEntity | undefined>();
    expectTypeOf(repo.decode).returns.toEqualTypeOf<WidgetEntity>();
    expectTypeOf(repo.update).parameter(1).toEqualTypeOf<Partial<Omit<WidgetEntity, 'version'>>>();
  });

  it('put writes the item with keys and entityType', async () => {
    const { handler, repo } = repositoryWith(() => ({ body: {} }));
    const stored = await repo.put(aWidget);
    expect(stored).toEqual(aWidget);
    expect(handler.requests[0]?.operation).toBe('PutItem');
    expect(handler.requests[0]?.body).toEqual({
      TableName: 'widgets',
      Item: marshall({ ...aWidget, PK: 'WIDGET#w1', SK: 'WIDGET', GSI1PK: 'OWNER#ann', GSI1SK: 'WIDGET#w1', entityType: 'Widget' }),
    });
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html#Expressions.ConditionExpressions.PreventingOverwrites
  it('put with ifNotExists is conditional on attribute_not_exists(PK) and maps a failed check to ConflictError', async () => {
    const { handler, repo } = repositoryWith(() => conditionalCheckFailed);
    const error = await repo.put(aWidget, { ifNotExists: true }).catch((e: unknown) => e);
    expect(handler.requests[0]?.body['ConditionExpression']).toBe('attribute_not_exists(PK)');
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).reason).toBe('exists');
    expect((error as ConflictError).cause).toMatchObject({ name: 'ConditionalCheckFailedException' });
  });

  it('put validates before writing and sends nothing when invalid', async () => {
    const { handler, repo } = repositoryWith(() => ({ body: {} }));
    await expect(repo.put({ ...aWidget, owner: '' })).rejects.toBeInstanceOf(EntityValidationError);
    expect(handler.requests).toHaveLength(0);
  });

  it('get returns the validated entity without key attributes, or undefined', async () => {
    const item = marshall(Widget.toItem(aWidget));
    const { handler, repo } = repositoryWith((r) => ({ body: (r.body['Key'] as { PK: { S: string } }).PK.S === 'WIDGET#w1' ? { Item: item } : {} }));
    expect(await repo.get({ id: 'w1' })).toEqual(aWidget);
    expect(await repo.get({ id: 'nope' })).toBeUndefined();
    expect(handler.requests[0]?.body).toEqual({ TableName: 'widgets', Key: { PK: { S: 'WIDGET#w1' }, SK: { S: 'WIDGET' } } });
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DynamoDBMapper.OptimisticLocking.html
  it('update sets the changes through placeholders, bumps the version under condition and returns ALL_NEW', async () => {
    const updated = { ...aWidget, label: 'red', version: 2 };
    const { handler, repo } = repositoryWith(() => ({ body: { Attributes: marshall(Widget.toItem(updated)) } }));
    const result = await repo.update({ id: 'w1' }, { label: 'red' }, { expectedVersion: 1 });
    expect(result).toEqual(updated);
    expect(handler.requests[0]?.operation).toBe('UpdateItem');
    expect(handler.requests[0]?.body).toEqual({
      TableName: 'widgets',
      Key: { PK: { S: 'WIDGET#w1' }, SK: { S: 'WIDGET' } },
      UpdateExpression: 'SET #f0 = :v0, #version = :next',
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version', '#f0': 'label' },
      ExpressionAttributeValues: { ':expected': { N: '1' }, ':next': { N: '2' }, ':v0': { S: 'red' } },
      ReturnValues: 'ALL_NEW',
    });
  });

  it('update maps ConditionalCheckFailedException to ConflictError (version)', async () => {
    const { repo } = repositoryWith(() => conditionalCheckFailed);
    const error = await repo.update({ id: 'w1' }, { label: 'red' }, { expectedVersion: 7 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).reason).toBe('version');
    expect((error as ConflictError).message).toContain('version 7');
  });

  it('update rejects invalid changes without writing', async () => {
    const { handler, repo } = repositoryWith(() => ({ body: {} }));
    await expect(repo.update({ id: 'w1' }, { size: -5 }, { expectedVersion: 1 })).rejects.toBeInstanceOf(EntityValidationError);
    expect(handler.requests).toHaveLength(0);
  });

  it('update rethrows errors it cannot name', async () => {
    const { repo } = repositoryWith(() => ({ status: 400, body: { __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', message: 'Requested resource not found' } }));
    await expect(repo.update({ id: 'w1' }, {}, { expectedVersion: 1 })).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_StreamRecord.html
  it('decode turns a stream image (DynamoDB JSON) into the entity', () => {
    const { repo } = repositoryWith(() => ({ body: {} }));
    const image: StreamImage = {
      PK: { S: 'WIDGET#w1' },
      SK: { S: 'WIDGET' },
      entityType: { S: 'Widget' },
      id: { S: 'w1' },
      owner: { S: 'ann' },
      label: { S: 'blue' },
      size: { N: '3' },
      version: { N: '1' },
    };
    expect(repo.decode(image)).toEqual(aWidget);
    expect(() => repo.decode(undefined)).toThrow(EntityTypeMismatchError);
    expect(() => repo.decode({ ...image, size: { S: 'three' } })).toThrow(EntityValidationError);
  });
});
