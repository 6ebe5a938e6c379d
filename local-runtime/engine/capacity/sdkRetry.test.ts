import { DynamoDBClient, ProvisionedThroughputExceededException, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import { inProcessClientConfig } from '../../wire/inProcessClientConfig';
import { Engine } from '../Engine';
import { pkSkKeys } from '../testing/pkSkKeys';

const S = (value: string) => ({ S: value });

/**
 * An SDK client whose every retry happens one second later on the virtual clock (the SDK's own backoff still
 * sleeps in real time; it decides whether and how often to retry).
 */
function clientOn(engine: Engine, clock: VirtualClock, maxAttempts?: number): DynamoDBClient {
  const client = new DynamoDBClient({ ...inProcessClientConfig(engine), ...(maxAttempts !== undefined && { maxAttempts }) });
  client.middlewareStack.add(
    (next) => {
      let calls = 0;
      return async (args) => {
        if (calls++ > 0) clock.advance(1000);
        return next(args);
      };
    },
    { step: 'finalizeRequest', priority: 'low', name: 'tidepoolTestClockPerRetry' },
  );
  return client;
}

async function oneUnitTable() {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1));
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock, capacity: true });
  await engine.execute('CreateTable', { TableName: 'slow', BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 }, ...pkSkKeys });
  // Spend the one unit the bucket holds.
  await engine.execute('PutItem', { TableName: 'slow', Item: { PK: S('first'), SK: S('s') } });
  return { engine, clock };
}

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html#Programming.Errors.RetryAndBackoff
describe('the AWS SDK v3 default retry', () => {
  it('absorbs ProvisionedThroughputExceededException: the write succeeds on the retry once the bucket refills', async () => {
    const { engine, clock } = await oneUnitTable();
    const out = await clientOn(engine, clock).send(new PutItemCommand({ TableName: 'slow', Item: { PK: S('second'), SK: S('s') } }));
    expect(out.$metadata.attempts).toBe(2);
    expect(engine.capacity?.counters).toMatchObject({ throttledRequests: 1, byOperation: { PutItem: { requests: 3, throttled: 1 } } });
  });

  it('surfaces the exception as its modelled class when retries are off', async () => {
    const { engine, clock } = await oneUnitTable();
    const error = await clientOn(engine, clock, 1)
      .send(new PutItemCommand({ TableName: 'slow', Item: { PK: S('second'), SK: S('s') } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProvisionedThroughputExceededException);
    expect((error as ProvisionedThroughputExceededException).ThrottlingReasons).toEqual([{ reason: 'TableWriteProvisionedThroughputExceeded', resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/slow' }]);
  });
});
