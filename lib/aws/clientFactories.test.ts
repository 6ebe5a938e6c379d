import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_CONFIG_OVERRIDES } from './clientOverrides';
import { dynamoDbClient, documentClient } from './documentClient';
import { eventBridgeClient } from './eventBridgeClient';
import { snsClient } from './snsClient';
import { sqsClient } from './sqsClient';

const slot = globalThis as Record<symbol, unknown>;
afterEach(() => {
  delete slot[CLIENT_CONFIG_OVERRIDES];
});

const factories = { sqs: sqsClient, sns: snsClient, eventbridge: eventBridgeClient, dynamodb: dynamoDbClient } as const;

describe('lib/aws client factories', () => {
  for (const [key, factory] of Object.entries(factories)) {
    it(`${key}: reads its config from the "${key}" override key, memoised per overrides object`, async () => {
      delete slot[CLIENT_CONFIG_OVERRIDES];
      const defaultClient = factory();
      expect(factory()).toBe(defaultClient);
      const overrides = { [key]: { region: 'eu-west-3', endpoint: 'http://127.0.0.1:9' } };
      slot[CLIENT_CONFIG_OVERRIDES] = overrides;
      const local = factory();
      expect(local).not.toBe(defaultClient);
      expect(factory()).toBe(local);
      expect(await local.config.region()).toBe('eu-west-3');
      slot[CLIENT_CONFIG_OVERRIDES] = { ...overrides };
      expect(factory()).not.toBe(local);
    });
  }

  it('the document client wraps the same low-level DynamoDB client', () => {
    slot[CLIENT_CONFIG_OVERRIDES] = { dynamodb: { region: 'us-east-1' } };
    expect(documentClient().config.requestHandler).toBe(dynamoDbClient().config.requestHandler);
  });
});
