import { createRuntime } from '../../runtime/createRuntime';
import { medianMs, opsPerSecond } from '../measure';
import type { BenchSuite } from '../types';

const order = { customerId: 'c-bench', items: [{ sku: 'SKU-1', quantity: 1, unitPriceCents: 100 }] };

/** The reference service in-process: an HTTP request through the handler and repository, then the stream mapping. */
// Handler logs would drown the figures.
process.env['AWS_LAMBDA_LOG_LEVEL'] = 'SILENT';

const suite: BenchSuite = {
  name: 'end to end (reference service, in-process)',
  async run() {
    const runtime = await createRuntime({ stage: 'dev', clock: 'virtual' });
    const post = await opsPerSecond(() => runtime.http('POST', '/orders', order));
    await runtime.drain();
    const roundTrip = await medianMs(async () => {
      await runtime.http('POST', '/orders', order);
      await runtime.drain();
    });
    return [
      { name: 'POST /orders (handler + PutItem)', value: post, unit: 'req/s' },
      { name: 'POST /orders then drain() to the stream consumer', value: roundTrip, unit: 'ms', note: 'median, write-to-handler-done' },
    ];
  },
};
export default suite;
