import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../../engine/Engine';
import { createInProcessRequestHandler } from '../../wire/createInProcessRequestHandler';
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

/** Best of alternating runs, so one noisy second does not decide the ratio. */
async function compare(make: (stream: boolean) => Promise<Put>, rounds = 3): Promise<{ off: number; on: number }> {
  let off = 0;
  let on = 0;
  for (let r = 0; r < rounds; r++) {
    off = Math.max(off, await opsPerSecond(await make(false), { minMs: 700 }));
    on = Math.max(on, await opsPerSecond(await make(true), { minMs: 700 }));
  }
  return { off, on };
}

/** What turning a table's stream on (NEW_AND_OLD_IMAGES) costs PutItem (target: ≤ 15%). */
const suite: BenchSuite = {
  name: 'streams (PutItem with and without a stream)',
  async run() {
    const rows = [];
    for (const [label, make] of [['engine.execute', viaEngine], ['SDK in-process', viaSdk]] as const) {
      const { off, on } = await compare(make);
      const cost = (1 - on / off) * 100;
      rows.push({ name: `PutItem · ${label} · no stream`, value: off, unit: 'ops/s' });
      rows.push({ name: `PutItem · ${label} · NEW_AND_OLD_IMAGES stream`, value: on, unit: 'ops/s', note: `stream costs ${cost.toFixed(1)}% (target ≤ 15%)` });
    }
    return rows;
  },
};
export default suite;
