import { VirtualClock } from '../../clock/Clock';
import { Engine, type EngineOptions } from '../Engine';

/** Test fixture: an engine with an `orders` table (PK/SK strings, GSI1 with numeric sort key, KEYS_ONLY LSI). */
export async function ordersEngine(clock = new VirtualClock(Date.UTC(2026, 10, 22, 3, 40)), options: Pick<EngineOptions, 'itemCollectionLimitBytes' | 'transactionTokenLimit'> = {}): Promise<Engine> {
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock, ...options });
  await engine.execute('CreateTable', {
    TableName: 'orders',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'PK', AttributeType: 'S' },
      { AttributeName: 'SK', AttributeType: 'S' },
      { AttributeName: 'GSI1PK', AttributeType: 'S' },
      { AttributeName: 'GSI1SK', AttributeType: 'N' },
      { AttributeName: 'createdAt', AttributeType: 'N' },
    ],
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'GSI1',
        KeySchema: [
          { AttributeName: 'GSI1PK', KeyType: 'HASH' },
          { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
    LocalSecondaryIndexes: [
      {
        IndexName: 'ByCreatedAt',
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'createdAt', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ],
  });
  return engine;
}
