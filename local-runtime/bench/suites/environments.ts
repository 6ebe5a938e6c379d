import { fileURLToPath } from 'node:url';
import { VirtualClock } from '../../clock/Clock';
import { mintDevToken } from '../../auth/mintDevToken';
import { createRuntime } from '../../runtime/createRuntime';
import type { Runtime } from '../../runtime/Runtime';
import { medianMs } from '../measure';
import type { BenchRow, BenchSuite } from '../types';

process.env['AWS_LAMBDA_LOG_LEVEL'] = 'SILENT';
const fixture = fileURLToPath(new URL('../../lambda/fixtures/environments', import.meta.url));
const trigger = { type: 'invoke', source: 'bench' } as const;
type Kind = 'in-process' | 'worker';

/** Cold start (a new environment's Init + first invocation) and a warm invocation's overhead, for one kind. */
async function coldAndWarm(kind: Kind): Promise<BenchRow[]> {
  const runtime = await createRuntime({ servicePath: fixture, clock: 'virtual', environments: kind, handlers: kind === 'worker' ? 'bundle' : 'import' });
  try {
    const fn = runtime.functions.get('blue')!;
    await fn.invoke({}, trigger);
    const warm = await medianMs(() => fn.invoke({}, trigger), 500);
    const cold = await medianMs(async () => {
      await fn.discardEnvironments();
      await fn.invoke({}, trigger);
    }, 20);
    return [
      { name: `${kind}: cold start (Init + first invocation)`, value: cold, unit: 'ms', note: 'median of 20' },
      { name: `${kind}: warm invocation (a handler returning at once)`, value: warm, unit: 'ms', note: 'median of 500' },
    ];
  } finally {
    await runtime.close();
  }
}

/** Authorized `POST /orders` of the reference service with `clients` concurrent clients for ~1.5 s. */
async function httpApi(runtime: Runtime, clock: VirtualClock, clients: number): Promise<number> {
  const bearer = async (sub: string, scopes: string[] = []) => ({ authorization: `Bearer ${await mintDevToken({ sub, scopes, servicePath: runtime.service.servicePath, now: new Date(clock.now()) })}` });
  const admin = await bearer('ops-bench', ['tidepool/admin']);
  const customer = await bearer('customer-bench');
  await runtime.http('PUT', '/admin/products/SKU-ENV', { name: 'Bench mug', priceCents: 100, stock: 10_000_000 }, admin);
  const post = async () => {
    const response = await runtime.http('POST', '/orders', { lines: [{ sku: 'SKU-ENV', quantity: 1 }] }, customer);
    if (response.statusCode !== 201) throw new Error(`POST /orders answered ${response.statusCode}: ${response.body}`);
  };
  for (let i = 0; i < 50; i++) await Promise.all(Array.from({ length: clients }, post));
  let count = 0;
  const started = performance.now();
  const until = started + 1500;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < until) {
      await post();
      count += 1;
    }
  }));
  return (count * 1000) / (performance.now() - started);
}

const suite: BenchSuite = {
  name: 'execution environments (cold start, warm overhead, HTTP API concurrency)',
  async run() {
    const rows: BenchRow[] = [...(await coldAndWarm('in-process')), ...(await coldAndWarm('worker'))];
    for (const kind of ['in-process', 'worker'] as const) {
      const clock = new VirtualClock(Date.now());
      const runtime = await createRuntime({ stage: 'dev', clock, environments: kind, handlers: kind === 'worker' ? 'bundle' : 'import' });
      try {
        for (const clients of [1, 8]) {
          rows.push({ name: `${kind}: POST /orders, ${clients} concurrent client(s)`, value: await httpApi(runtime, clock, clients), unit: 'req/s' });
        }
      } finally {
        await runtime.close();
      }
    }
    return rows;
  },
};
export default suite;
