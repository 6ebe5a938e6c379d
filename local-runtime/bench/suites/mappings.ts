import { performance } from 'node:perf_hooks';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../../engine/Engine';
import type { InvocationRecord } from '../../lambda/types';
import { StreamMapping } from '../../mappings/StreamMapping';
import { InMemoryStreamSource } from '../../mappings/testing/InMemoryStreamSource';
import type { StreamBatchEvent } from '../../mappings/types';
import { medianMs } from '../measure';
import type { BenchSuite } from '../types';

const RECORDS = 200_000;
const SHARDS = 4;

/** A handler that does nothing and succeeds. */
const noop = async (event: StreamBatchEvent): Promise<InvocationRecord> => ({
  requestId: 'bench', functionKey: 'bench', functionName: 'bench', trigger: { type: 'stream', source: 'bench' },
  startedAt: 0, durationMs: 0, outcome: 'success', result: null, event,
});

/** 200k records over 4 shards, half of them filtered out, through filter + batching into a no-op handler. */
async function throughput(): Promise<number> {
  const clock = new VirtualClock();
  const source = new InMemoryStreamSource();
  for (let i = 0; i < RECORDS; i += 1) {
    source.append(`shard-${i % SHARDS}`, { pk: { S: `ORDER#${i}` }, status: { S: i % 2 === 0 ? 'PAID' : 'NEW' }, total: { N: String(i) } }, clock.now());
  }
  let delivered = 0;
  const mapping = new StreamMapping({
    functionKey: 'bench',
    streamArn: source.streamArn,
    source,
    clock,
    options: { arn: source.streamArn, batchSize: 100, filterPatterns: [{ eventName: ['INSERT'], dynamodb: { NewImage: { status: { S: ['PAID'] } } } }] },
    invoke: (event) => {
      delivered += event.Records.length;
      return noop(event);
    },
  });
  const start = performance.now();
  while (await mapping.poll({ flush: true }));
  const seconds = (performance.now() - start) / 1000;
  if (delivered !== RECORDS / 2) throw new Error(`bench: expected ${RECORDS / 2} records delivered, got ${delivered}`);
  return RECORDS / seconds;
}

/** Engine PutItem → poll in drain mode → the handler has the record; a real Engine and StreamMapping. */
async function writeToHandler(): Promise<number> {
  const clock = new VirtualClock();
  const engine = new Engine({ region: 'eu-west-1', accountId: '000000000000', clock });
  const created = await engine.execute('CreateTable', {
    TableName: 'bench',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
  const streamArn = String((created['TableDescription'] as { LatestStreamArn: string }).LatestStreamArn);
  let seen = 0;
  const mapping = new StreamMapping({
    functionKey: 'bench', streamArn, source: engine.streams, clock, options: { arn: streamArn },
    invoke: (event) => {
      seen += event.Records.length;
      return noop(event);
    },
  });
  return medianMs(async (i) => {
    const before = seen;
    await engine.execute('PutItem', { TableName: 'bench', Item: { pk: { S: `k${i}` }, status: { S: 'PAID' } } });
    while (await mapping.poll({ flush: true }));
    if (seen !== before + 1) throw new Error('bench: the handler did not see the write');
  }, 2000);
}

const suite: BenchSuite = {
  name: 'stream mappings (filter + batching)',
  async run() {
    const recordsPerSecond = await throughput();
    const latency = await writeToHandler();
    return [
      { name: `records through filter + batching (${RECORDS / 1000}k, half filtered)`, value: recordsPerSecond, unit: 'rec/s', note: 'target ≥ 50,000' },
      { name: 'PutItem → drain → handler saw it (engine + mapping)', value: latency, unit: 'ms', note: 'median' },
    ];
  },
};
export default suite;
