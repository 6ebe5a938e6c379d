import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import type { InvocationRecord } from '../lambda/types';
import { DEFAULT_ASYNC_CONFIG, type AsyncConfig } from './async/asyncConfig';
import { AsyncInvoker } from './AsyncInvoker';

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function:svc-dev-fn';

function setup(config: Partial<AsyncConfig>, outcome: 'success' | 'error') {
  const clock = new VirtualClock();
  const delivered: Array<{ arn: string; payload: unknown; attributes?: Record<string, string> }> = [];
  const attempts: number[] = [];
  const invoker = new AsyncInvoker(async (functionKey, event, trigger) => {
    attempts.push(trigger.attempt ?? 1);
    return {
      requestId: 'r', functionKey, functionName: 'svc-dev-fn', trigger, startedAt: clock.now(), durationMs: 1, outcome, event,
      ...(outcome === 'success' ? { result: { done: true } } : { error: { errorType: 'Error', errorMessage: 'boom', trace: [] } }),
    } as InvocationRecord;
  }, {
    clock,
    config: () => ({ ...DEFAULT_ASYNC_CONFIG, ...config }),
    functionArn: () => ARN,
    deliver: (arn, payload, attributes) => {
      delivered.push({ arn, payload, ...(attributes && { attributes }) });
      return true;
    },
  });
  const run = async () => {
    while (await invoker.poll()) {
      // until nothing is pending
    }
  };
  return { clock, invoker, delivered, attempts, run };
}

// https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
describe('AsyncInvoker', () => {
  it('retries twice by default, then sends AWS\'s destination record to onFailure', async () => {
    const { invoker, delivered, attempts, run } = setup({ onFailure: 'arn:aws:sqs:us-east-1:000000000000:failures' }, 'error');
    invoker.enqueue('fn', { order: 1 }, { type: 'sns', source: 'orders' });
    await run();
    expect(attempts).toEqual([1, 2, 3]);
    expect(delivered).toEqual([{
      arn: 'arn:aws:sqs:us-east-1:000000000000:failures',
      payload: {
        version: '1.0',
        timestamp: '2026-01-01T00:00:00.000Z',
        requestContext: { requestId: expect.any(String), functionArn: `${ARN}:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: 3 },
        requestPayload: { order: 1 },
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        responsePayload: { errorType: 'Error', errorMessage: 'boom', trace: [] },
      },
    }]);
    expect(invoker.failures).toEqual([]);
  });

  it('honours maximumRetryAttempts, and sends the event to the onError dead-letter queue with its attributes', async () => {
    const { invoker, delivered, attempts, run } = setup({ maximumRetryAttempts: 0, deadLetterArn: 'arn:aws:sns:us-east-1:000000000000:dlq' }, 'error');
    invoker.enqueue('fn', { order: 2 }, { type: 'eventBridge', source: 'default' });
    await run();
    expect(attempts).toEqual([1]);
    expect(delivered).toEqual([{ arn: 'arn:aws:sns:us-east-1:000000000000:dlq', payload: { order: 2 }, attributes: { RequestID: expect.any(String), ErrorCode: '200', ErrorMessage: 'boom' } }]);
  });

  it('sends a Success record to onSuccess, and keeps failures with no destination for drain()', async () => {
    const ok = setup({ onSuccess: 'arn:aws:sqs:us-east-1:000000000000:ok' }, 'success');
    ok.invoker.enqueue('fn', { n: 1 }, { type: 'schedule', source: 'tick' });
    await ok.run();
    expect(ok.delivered[0]!.payload).toMatchObject({ requestContext: { condition: 'Success', approximateInvokeCount: 1 }, responsePayload: { done: true } });
    const bad = setup({}, 'error');
    bad.invoker.enqueue('fn', { n: 1 }, { type: 'schedule', source: 'tick' });
    await bad.run();
    expect(bad.invoker.failures).toHaveLength(1);
  });

  it('drops events older than maximumEventAge without invoking, as EventAgeExceeded', async () => {
    const { invoker, clock, delivered, attempts, run } = setup({ maximumEventAgeMs: 60_000, onFailure: 'arn:aws:sqs:us-east-1:000000000000:f' }, 'success');
    invoker.enqueue('fn', {}, { type: 'sns', source: 't' });
    clock.advance(60_001);
    await run();
    expect(attempts).toEqual([]);
    expect(delivered[0]!.payload).toMatchObject({ requestContext: { condition: 'EventAgeExceeded', approximateInvokeCount: 0 } });
  });
});
