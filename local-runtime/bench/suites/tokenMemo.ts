import { VirtualClock } from '../../clock/Clock';
import { Engine } from '../../engine/Engine';
import { QUICK, median } from '../interleave';
import type { BenchRow, BenchSuite } from '../types';

/**
 * The ClientRequestToken memo in the states a long run reaches: the SDK puts a fresh token on every
 * TransactWriteItems, so after 10 minutes of steady traffic each call both remembers one token and forgets one,
 * and on a clock that does not run the memo sits at its limit (100 000) and drops one per call. Each figure is
 * µs per TransactWriteItems through `engine.execute`, beside the same calls without a token.
 */
const TABLE = {
  TableName: 'bench',
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
};
const ROUNDS = QUICK ? 3 : 7;
const PER_ROUND = QUICK ? 5_000 : 10_000;

const transaction = (i: number, token: boolean) => ({
  ...(token ? { ClientRequestToken: `token-${i}` } : {}),
  TransactItems: [{ Put: { TableName: 'bench', Item: { PK: { S: `k${i % 1000}` }, n: { N: String(i) } } } }],
});

/** µs per call of `calls` transactions, the clock moving `stepMs` before each. */
async function timed(engine: Engine, clock: VirtualClock, from: number, calls: number, stepMs: number, token: boolean): Promise<number> {
  const start = performance.now();
  for (let i = from; i < from + calls; i += 1) {
    if (stepMs > 0) clock.advance(stepMs);
    await engine.execute('TransactWriteItems', transaction(i, token));
  }
  return ((performance.now() - start) * 1000) / calls;
}

/** Median over rounds of µs per call with tokens and without, once `fill` tokens have gone in. */
async function measure(stepMs: number, fill: number): Promise<{ withToken: number; without: number }> {
  const clock = new VirtualClock(0);
  const engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock });
  await engine.execute('CreateTable', TABLE);
  let next = 0;
  for (; next < fill; next += 1) {
    if (stepMs > 0) clock.advance(stepMs);
    await engine.execute('TransactWriteItems', transaction(next, true));
  }
  const withToken: number[] = [];
  const without: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    withToken.push(await timed(engine, clock, next, PER_ROUND, stepMs, true));
    next += PER_ROUND;
    without.push(await timed(engine, clock, next, PER_ROUND, stepMs, false));
    next += PER_ROUND;
  }
  return { withToken: median(withToken), without: median(without) };
}

const suite: BenchSuite = {
  name: 'engine: TransactWriteItems with a full ClientRequestToken memo',
  async run() {
    const rows: BenchRow[] = [];
    // 10 ms apart: 60 000 tokens live at once, one expiring per call.
    const running = await measure(10, 70_000);
    rows.push(
      { name: 'clock running, 60k live tokens · with token', value: running.withToken, unit: 'µs', note: `median of ${ROUNDS} rounds` },
      { name: 'clock running · without token', value: running.without, unit: 'µs' },
    );
    // A clock that does not run: the memo stays at its 100 000 limit.
    const stopped = await measure(0, 110_000);
    rows.push(
      { name: 'clock stopped, memo at its 100k limit · with token', value: stopped.withToken, unit: 'µs', note: `median of ${ROUNDS} rounds` },
      { name: 'clock stopped · without token', value: stopped.without, unit: 'µs' },
    );
    return rows;
  },
};
export default suite;
