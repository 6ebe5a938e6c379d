import { VirtualClock } from '../../clock/Clock';
import { mintDevToken } from '../../auth/mintDevToken';
import { createRuntime } from '../../runtime/createRuntime';
import type { Runtime } from '../../runtime/Runtime';
import { medianMs, opsPerSecond } from '../measure';
import type { BenchRow, BenchSuite } from '../types';

// Handler logs would drown the figures.
process.env['AWS_LAMBDA_LOG_LEVEL'] = 'SILENT';

const SKU = 'SKU-BENCH';
const order = { lines: [{ sku: SKU, quantity: 1 }] };

/** Fails the bench loudly if a request did not do what the figure claims (e.g. a 401 measured as an order). */
async function expectStatus(runtime: Runtime, status: number, ...request: Parameters<Runtime['http']>): Promise<unknown> {
  const response = await runtime.http(...request);
  if (response.statusCode !== status) throw new Error(`${request[0]} ${request[1]} answered ${response.statusCode}, expected ${status}: ${response.body}`);
  return response.json;
}

/** Authorized `POST /orders` throughput, then the median time from a POST to its order CONFIRMED by drain(). */
async function measure(runtime: Runtime, clock: VirtualClock): Promise<BenchRow[]> {
  const bearer = async (sub: string, scopes: string[] = []) => {
    const token = await mintDevToken({ sub, scopes, servicePath: runtime.service.servicePath, now: new Date(clock.now()) });
    return { authorization: `Bearer ${token}` };
  };
  const admin = await bearer('ops-bench', ['tidepool/admin']);
  const customer = await bearer('customer-bench');
  await expectStatus(runtime, 200, 'PUT', `/admin/products/${SKU}`, { name: 'Bench mug', priceCents: 100, stock: 10_000_000 }, admin);

  const post = await opsPerSecond(() => expectStatus(runtime, 201, 'POST', '/orders', order, customer), { minMs: 1500 });
  await runtime.drain();
  let last = '';
  const saga = await medianMs(async () => {
    last = ((await expectStatus(runtime, 201, 'POST', '/orders', order, customer)) as { id: string }).id;
    await runtime.drain();
  });
  const settled = (await expectStatus(runtime, 200, 'GET', `/orders/${last}`, undefined, customer)) as { status: string };
  if (settled.status !== 'CONFIRMED') throw new Error(`the saga left order ${last} ${settled.status}, expected CONFIRMED`);
  return [
    { name: 'POST /orders (authorizer + handler + PutItem)', value: post, unit: 'req/s' },
    { name: 'POST /orders then drain(): saga to CONFIRMED', value: saga, unit: 'ms', note: 'median; every stream consumer and saga step' },
  ];
}

/**
 * The reference service in-process: `POST /orders` through the JWT authorizer, the handler and the
 * repository; then the whole PlaceOrder saga (stream → saga steps → confirmation) through drain().
 */
const suite: BenchSuite = {
  name: 'end to end (reference service, in-process)',
  async run() {
    // Start the virtual clock at real time; tokens are issued at the clock's time so they are valid on it.
    const clock = new VirtualClock(Date.now());
    const runtime = await createRuntime({ stage: 'dev', clock });
    try {
      return await measure(runtime, clock);
    } finally {
      await runtime.close();
    }
  },
};
export default suite;
