import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../../engine/Engine';
import { createInProcessRequestHandler } from '../../wire/createInProcessRequestHandler';
import { QUICK, interleaved, median, medianRatio } from '../interleave';
import { opsPerSecond } from '../measure';
import type { BenchSuite } from '../types';

type Put = (i: number) => Promise<unknown>;

const item = (i: number) => ({
  pk: { S: `order#${i % 5000}` },
  sk: { S: 'v0' },
  status: { S: 'PLACED' },
  total: { N: String(i) },
  lines: { L: [{ M: { sku: { S: 'SKU-1' }, qty: { N: '2' } } }] },
});

async function newEngine(stream: boolean): Promise<Engine> {
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock() });
  await engine.execute('CreateTable', {
    TableName: 'bench',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    ...(stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } } : {}),
  });
  return engine;
}

const viaEngine = async (stream: boolean): Promise<Put> => {
  const engine = await newEngine(stream);
  return (i) => engine.execute('PutItem', { TableName: 'bench', Item: item(i) });
};

const viaSdk = async (stream: boolean): Promise<Put> => {
  const engine = await newEngine(stream);
  const client = new DynamoDBClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    endpoint: 'http://in-process.tidepool',
    requestHandler: createInProcessRequestHandler(engine),
  });
  return (i) => client.send(new PutItemCommand({ TableName: 'bench', Item: item(i) }));
};

/**
 * Alternating rounds (no stream, stream, no stream, …), each on a fresh engine; the cost is the median of the
 * per-round ratios, so a noisy second on a shared machine moves one round, not the figure.
 */
async function compare(make: (stream: boolean) => Promise<Put>): Promise<{ off: number; on: number; cost: number }> {
  const rounds = QUICK ? 3 : 9;
  const runs = await interleaved(
    [
      ['off', async () => opsPerSecond(await make(false), { minMs: QUICK ? 300 : 500 })],
      ['on', async () => opsPerSecond(await make(true), { minMs: QUICK ? 300 : 500 })],
    ] as const,
    rounds,
  );
  return { off: median(runs.off), on: median(runs.on), cost: (1 - medianRatio(runs.on, runs.off)) * 100 };
}

/**
 * What turning a table's stream on (NEW_AND_OLD_IMAGES) costs PutItem in-process through the SDK (target ≤ 15%).
 * The engine-alone row shows the stream's fixed cost per write (keeping the old image, the change record)
 * against a bare engine put, without the SDK around it.
 */
const suite: BenchSuite = {
  name: 'streams (PutItem with and without a stream)',
  async run() {
    const rows = [];
    for (const [label, make, target] of [['SDK in-process', viaSdk, ' (target ≤ 15%)'], ['engine.execute alone', viaEngine, '']] as const) {
      const { off, on, cost } = await compare(make);
      rows.push({ name: `PutItem · ${label} · no stream`, value: off, unit: 'ops/s' });
      rows.push({ name: `PutItem · ${label} · NEW_AND_OLD_IMAGES stream`, value: on, unit: 'ops/s', note: `stream costs ${cost.toFixed(1)}%${target} · median of rounds` });
    }
    return rows;
  },
};
export default suite;
