import { beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import type { InvocationRecord } from '../lambda/types';
import { LocalQueue } from './LocalQueue';
import { MessagingHub } from './MessagingHub';
import { SqsPoller, StuckBatchError, type SqsEventOptions } from './SqsPoller';

const ARN = 'arn:aws:sqs:us-east-1:000000000000:jobs';
const DLQ_ARN = 'arn:aws:sqs:us-east-1:000000000000:jobs-dlq';
type Batch = { Records: Array<{ messageId: string; body: string }> };

let clock: VirtualClock;
let hub: MessagingHub;

beforeEach(() => {
  clock = new VirtualClock();
  hub = new MessagingHub({ clock, region: 'us-east-1', accountId: '000000000000', onSent: () => undefined, deliverAsync: () => undefined });
});

function setup(options: SqsEventOptions, respond: (batch: Batch) => Partial<InvocationRecord>, redrive?: number) {
  const queue = new LocalQueue('Jobs', 'jobs', ARN, 'https://sqs/jobs', redrive === undefined ? {} : { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: redrive }) });
  hub.addQueue(queue);
  hub.addQueue(new LocalQueue('Dlq', 'jobs-dlq', DLQ_ARN, 'https://sqs/jobs-dlq'));
  const batches: Batch[] = [];
  const poller = new SqsPoller('worker', queue, options, {
    hub, clock, region: 'us-east-1',
    invoke: async (event) => {
      batches.push(event as Batch);
      return { outcome: 'success', result: null, ...respond(event as Batch) } as InvocationRecord;
    },
  });
  const send = (...bodies: string[]) => bodies.forEach((body) => hub.sendToQueue(queue, { body }));
  return { queue, poller, batches, send };
}

// Behaviour imitated: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html and
// https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
describe('SQS event source mapping', () => {
  it('delivers batches of batchSize (default 10) and deletes what succeeded', async () => {
    const { poller, batches, send, queue } = setup({}, () => ({}));
    send(...Array.from({ length: 12 }, (_, i) => `m${i}`));
    while (await poller.poll()) { /* until empty */ }
    expect(batches.map((b) => b.Records.length)).toEqual([10, 2]);
    expect(queue.messages).toEqual([]);
  });

  it('waits for maximumBatchingWindow unless the batch is full', async () => {
    const { poller, batches, send } = setup({ batchSize: 3, maximumBatchingWindow: 5 }, () => ({}));
    send('a');
    expect(await poller.poll()).toBe(false);
    clock.advance(5000);
    expect(await poller.poll()).toBe(true);
    send('b', 'c', 'd');
    expect(await poller.poll()).toBe(true);
    expect(batches.map((b) => b.Records.map((r) => r.body))).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('keeps a failed batch hidden for the visibility timeout, then redelivers it', async () => {
    let fail = true;
    const { poller, batches, send } = setup({}, () => (fail ? { outcome: 'error' } : {}));
    send('a');
    await poller.poll();
    fail = false;
    expect(await poller.poll()).toBe(false);
    clock.advance(30_000);
    expect(await poller.poll()).toBe(true);
    expect(batches).toHaveLength(2);
  });

  it('with ReportBatchItemFailures keeps only the reported messages', async () => {
    const { poller, send, queue } = setup({ functionResponseType: 'ReportBatchItemFailures' }, (batch) => ({
      result: { batchItemFailures: [{ itemIdentifier: batch.Records[1]!.messageId }] },
    }));
    send('a', 'b', 'c');
    await poller.poll();
    expect(queue.messages.map((m) => m.body)).toEqual(['b']);
  });

  it.each([
    ['an unknown itemIdentifier', { batchItemFailures: [{ itemIdentifier: 'nope' }] }],
    ['an empty itemIdentifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a non-array batchItemFailures', { batchItemFailures: 'all' }],
  ])('treats %s as a failure of the whole batch', async (_what, result) => {
    const { poller, send, queue } = setup({ functionResponseType: 'ReportBatchItemFailures' }, () => ({ result }));
    send('a', 'b');
    await poller.poll();
    expect(queue.messages.map((m) => m.body)).toEqual(['a', 'b']);
  });

  it('ignores batchItemFailures without ReportBatchItemFailures', async () => {
    const { poller, send, queue } = setup({}, (batch) => ({ result: { batchItemFailures: [{ itemIdentifier: batch.Records[0]!.messageId }] } }));
    send('a');
    await poller.poll();
    expect(queue.messages).toEqual([]);
  });

  it('moves a message to the RedrivePolicy dead-letter queue after maxReceiveCount receives', async () => {
    const { poller, send, queue } = setup({}, () => ({ outcome: 'error' }), 2);
    send('poison');
    await poller.poll({ flush: true });
    await poller.poll({ flush: true });
    expect(queue.messages).toEqual([]);
    expect(hub.queue(DLQ_ARN).messages.map((m) => m.body)).toEqual(['poison']);
  });

  it('in flush mode, gives up with the failing batch when there is no dead-letter queue', async () => {
    const { poller, send } = setup({}, () => ({ outcome: 'error', error: { errorType: 'Error', errorMessage: 'boom' } }));
    send('poison');
    const error = await (async () => {
      for (;;) await poller.poll({ flush: true });
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StuckBatchError);
    expect((error as StuckBatchError).batch).toMatchObject({ Records: [{ body: 'poison' }] });
  });

  it('does nothing when enabled is false', async () => {
    const { poller, send } = setup({ enabled: false }, () => ({}));
    send('a');
    expect(await poller.poll({ flush: true })).toBe(false);
  });
});
