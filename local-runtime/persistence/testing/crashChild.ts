/**
 * The process the crash tests kill -9 (persistence/crashCycles.test.ts). Usage:
 * `crashChild <dataDir> <tokens.json>`: opens the directory (compacting at every start), re-sends the
 * transactions whose tokens the file lists (they must be answered as replays), prints the state it found as one
 * JSON line, then writes until killed: puts and token transactions, printing each when sent and when acknowledged.
 */
import { readFileSync, writeSync } from 'node:fs';
import { RealClock } from '../../clock/Clock';
import { DurableEngine } from '../DurableEngine';
import { CRASH_AT_ENV } from '../openDataDir';

const [dataDir, tokensFile, cycle] = process.argv.slice(2) as [string, string, string];
const say = (value: unknown) => void writeSync(1, `${JSON.stringify(value)}\n`);
const crashAt = process.env[CRASH_AT_ENV];
const engine = await DurableEngine.open(dataDir, { region: 'us-east-1', accountId: '000000000000', clock: new RealClock() }, {
  compactBytes: 0,
  ...(crashAt && { crashPoint: (point: string) => {
    if (point !== crashAt) return;
    say({ crash: point });
    process.kill(process.pid, 'SIGKILL');
  } }),
});
if (!engine.tables.has('crash')) {
  say({ creating: true });
  await engine.execute('CreateTable', { TableName: 'crash', BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] });
}
/** Two items in one transaction: the counter and a marker, so a half-applied transaction would show. */
const increment = (token: string) => ({
  ClientRequestToken: token,
  TransactItems: [
    { Update: { TableName: 'crash', Key: { id: { S: 'counter' } }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } } },
    { Put: { TableName: 'crash', Item: { id: { S: `tx-${token}` } } } },
  ],
});
const counter = async () => Number(((await engine.execute('GetItem', { TableName: 'crash', Key: { id: { S: 'counter' } } }))['Item'] as { n?: { N: string } } | undefined)?.n?.N ?? 0);

const before = await counter();
const tokens = JSON.parse(readFileSync(tokensFile, 'utf8')) as string[];
for (const token of tokens) await engine.execute('TransactWriteItems', increment(token));
const ids: string[] = [];
let start: unknown;
do {
  const page = await engine.execute('Scan', { TableName: 'crash', ...(start !== undefined && { ExclusiveStartKey: start }) });
  for (const item of page['Items'] as { id: { S: string } }[]) ids.push(item.id.S);
  start = page['LastEvaluatedKey'];
} while (start !== undefined);
say({ state: { ids, counter: await counter(), before, warnings: engine.warnings } });

for (let i = 0; ; i++) {
  const id = `c${cycle}-${i}`;
  const token = `c${cycle}-tok-${i}`;
  say({ sent: { id, token } });
  await Promise.all([
    engine.execute('PutItem', { TableName: 'crash', Item: { id: { S: id }, pad: { S: 'x'.repeat(200 + (i % 7) * 100) } } }).then(() => say({ put: id })),
    engine.execute('TransactWriteItems', increment(token)).then(() => say({ inc: token })),
  ]);
}
