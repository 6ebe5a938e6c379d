import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDynamoDbHandler, fakeDynamoDbConfig } from '../testing/fakeDynamoDbHandler';
import { CLIENT_CONFIG_OVERRIDES, documentClient } from './documentClient';

const slot = globalThis as Record<symbol, unknown>;

afterEach(() => {
  delete slot[CLIENT_CONFIG_OVERRIDES];
});

describe('documentClient', () => {
  it('uses one default client when no local runtime published overrides', async () => {
    // Arrange
    delete slot[CLIENT_CONFIG_OVERRIDES];
    // Act
    const first = documentClient();
    const second = documentClient();
    // Assert
    expect(second).toBe(first);
    expect(first.config.requestHandler).not.toBeInstanceOf(FakeDynamoDbHandler);
  });

  it("routes requests through the override's requestHandler and unmarshalls replies", async () => {
    // Arrange
    const handler = new FakeDynamoDbHandler(() => ({ body: { Item: { PK: { S: 'ORDER#1' }, n: { N: '42' } } } }));
    slot[CLIENT_CONFIG_OVERRIDES] = { dynamodb: fakeDynamoDbConfig(handler) };
    // Act
    const result = await documentClient().send(new GetCommand({ TableName: 'orders', Key: { PK: 'ORDER#1', SK: 'ORDER' } }));
    // Assert
    expect(handler.requests).toHaveLength(1);
    expect(handler.requests[0]?.operation).toBe('GetItem');
    expect(handler.requests[0]?.body).toEqual({ TableName: 'orders', Key: { PK: { S: 'ORDER#1' }, SK: { S: 'ORDER' } } });
    expect(result.Item).toEqual({ PK: 'ORDER#1', n: 42 });
  });

  it('builds a new client when the overrides object changes, and reuses it while it does not', () => {
    // Arrange
    const a = { dynamodb: fakeDynamoDbConfig(new FakeDynamoDbHandler(() => ({ body: {} }))) };
    const b = { dynamodb: fakeDynamoDbConfig(new FakeDynamoDbHandler(() => ({ body: {} }))) };
    // Act
    slot[CLIENT_CONFIG_OVERRIDES] = a;
    const fromA = documentClient();
    const fromAAgain = documentClient();
    slot[CLIENT_CONFIG_OVERRIDES] = b;
    const fromB = documentClient();
    // Assert
    expect(fromAAgain).toBe(fromA);
    expect(fromB).not.toBe(fromA);
    expect(fromB.config.requestHandler).toBe(b.dynamodb.requestHandler);
  });

  it('drops undefined attribute values when marshalling (removeUndefinedValues)', async () => {
    // Arrange
    const handler = new FakeDynamoDbHandler(() => ({ body: {} }));
    slot[CLIENT_CONFIG_OVERRIDES] = { dynamodb: fakeDynamoDbConfig(handler) };
    // Act
    await documentClient().send(new GetCommand({ TableName: 't', Key: { PK: 'a', SK: undefined } }));
    // Assert
    expect(handler.requests[0]?.body['Key']).toEqual({ PK: { S: 'a' } });
  });
});
