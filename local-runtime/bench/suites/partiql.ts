import { DynamoDBClient, ExecuteStatementCommand, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../../engine/Engine';
import { pkSkKeys } from '../../engine/testing/pkSkKeys';
import { inProcessClientConfig } from '../../wire/inProcessClientConfig';
import { QUICK, interleaved, median, medianRatio } from '../interleave';
import { opsPerSecond } from '../measure';
import type { BenchRow, BenchSuite } from '../types';

/**
 * PartiQL against the expression API it stands for, through the SDK v3 client in process: ExecuteStatement
 * SELECT by full key beside GetItem, and UPDATE … SET n = n + ? beside UpdateItem. Target: PartiQL within 1.5×
 * the time of its equivalent (a ratio ≥ 0.67 of its ops/s).
 */
const TABLE = 'bench';
const MIN_MS = Number(process.env['BENCH_MIN_MS'] ?? (QUICK ? 900 : 2500));
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? (QUICK ? 6 : 20));
const TARGET = 1 / 1.5;

type Op = (client: DynamoDBClient, i: number) => Promise<unknown>;
const PAIRS: Record<string, [partiql: Op, api: Op]> = {
  select: [
    (client) => client.send(new ExecuteStatementCommand({ Statement: `SELECT * FROM "bench" WHERE PK = ? AND SK = ?`, Parameters: [{ S: 'q#1' }, { S: 's#1' }] })),
    (client) => client.send(new GetItemCommand({ TableName: TABLE, Key: { PK: { S: 'q#1' }, SK: { S: 's#1' } } })),
  ],
  update: [
    (client) => client.send(new ExecuteStatementCommand({ Statement: `UPDATE "bench" SET amount = amount + ? WHERE PK = ? AND SK = ?`, Parameters: [{ N: '1' }, { S: 'u#1' }, { S: 'u' }] })),
    (client) =>
      client.send(
        new UpdateItemCommand({
          TableName: TABLE,
          Key: { PK: { S: 'u#1' }, SK: { S: 'u' } },
          UpdateExpression: 'SET amount = amount + :d',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':d': { N: '1' } },
        }),
      ),
  ],
};

const suite: BenchSuite = {
  name: 'partiql: ExecuteStatement SELECT/UPDATE vs GetItem/UpdateItem through the SDK in process',
  async run() {
    const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock() });
    await engine.execute('CreateTable', { TableName: TABLE, BillingMode: 'PAY_PER_REQUEST', ...pkSkKeys });
    await engine.execute('PutItem', { TableName: TABLE, Item: { PK: { S: 'q#1' }, SK: { S: 's#1' }, status: { S: 'OPEN' }, total: { N: '1' }, note: { S: 'x'.repeat(40) } } });
    await engine.execute('PutItem', { TableName: TABLE, Item: { PK: { S: 'u#1' }, SK: { S: 'u' }, amount: { N: '0' } } });
    const client = new DynamoDBClient(inProcessClientConfig(engine));
    const rows: BenchRow[] = [];
    try {
      for (const [name, [partiql, api]] of Object.entries(PAIRS)) {
        const runs = await interleaved(
          [
            ['p', (round: number) => opsPerSecond((i) => partiql(client, i), { minMs: MIN_MS / ROUNDS, warmup: round === 0 ? 600 : 30 })] as const,
            ['e', (round: number) => opsPerSecond((i) => api(client, i), { minMs: MIN_MS / ROUNDS, warmup: round === 0 ? 600 : 30 })] as const,
          ],
          ROUNDS,
          (round) => (round % 2 === 0 ? ['p', 'e'] : ['e', 'p']),
        );
        const r = medianRatio(runs.p, runs.e);
        const equivalent = name === 'select' ? 'GetItem' : 'UpdateItem';
        rows.push(
          { name: `${name} · ExecuteStatement`, value: median(runs.p), unit: 'ops/s', note: `${r.toFixed(2)}× ${equivalent} (target ≥ ${TARGET.toFixed(2)}, i.e. within 1.5×)${r >= TARGET ? '' : '  MISSED'}` },
          { name: `${name} · ${equivalent}`, value: median(runs.e), unit: 'ops/s' },
        );
      }
    } finally {
      client.destroy();
    }
    return rows;
  },
};
export default suite;
