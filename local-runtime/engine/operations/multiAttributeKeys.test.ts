import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../Engine';
import { rejection } from '../testing/rejection';

const INVALID = 'One or more parameter values were invalid: ';
const attribute = (name: string) => ({ AttributeName: name, AttributeType: 'S' });
const element = (name: string, type: 'HASH' | 'RANGE') => ({ AttributeName: name, KeyType: type });

async function createWithGsi(keySchema: unknown[]): Promise<string> {
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock(Date.UTC(2026, 0, 1)) });
  const names = ['pk', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
  return (
    await rejection(
      engine.execute('CreateTable', {
        TableName: 'multi',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: names.map(attribute),
        KeySchema: [element('pk', 'HASH')],
        GlobalSecondaryIndexes: [{ IndexName: 'byMany', KeySchema: keySchema, Projection: { ProjectionType: 'ALL' } }],
      }),
    )
  ).message;
}

// Multi-attribute GSI keys: up to four partition key and four sort key attributes
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.DesignPattern.MultiAttributeKeys.html). AWS's
// validation messages as the ack-api-quirks DynamoDB ValidationException catalogue (DDB-TABLE-442) records them.
describe('multi-attribute GSI key schemas', () => {
  it('no attribute twice, HASH before RANGE, at most four of each', async () => {
    expect(await createWithGsi([element('a', 'HASH'), element('b', 'HASH'), element('a', 'RANGE')])).toBe('The KeySchema contains multiple key attributes with the same name');
    expect(await createWithGsi([element('a', 'HASH'), element('b', 'RANGE'), element('c', 'HASH')])).toBe(`${INVALID}All HASH key attributes must precede RANGE key attributes in the KeySchema`);
    expect(await createWithGsi(['a', 'b', 'c', 'd', 'e'].map((n) => element(n, 'HASH')))).toBe(`${INVALID}The KeySchema exceeds the maximum allowed number of HASH key attributes`);
    expect(await createWithGsi([element('a', 'HASH'), ...['b', 'c', 'd', 'e', 'f'].map((n) => element(n, 'RANGE'))])).toBe(`${INVALID}The KeySchema exceeds the maximum allowed number of RANGE key attributes`);
  });

  it('a valid multi-attribute key is refused loudly (not emulated: local-runtime/README.md)', async () => {
    expect(await createWithGsi([element('a', 'HASH'), element('b', 'HASH'), element('c', 'RANGE')])).toBe(
      `${INVALID}Tidepool's local engine does not support multi-attribute keys for global secondary indexes (IndexName: byMany)`,
    );
  });
});
