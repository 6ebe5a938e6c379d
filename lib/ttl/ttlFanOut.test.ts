import { marshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLIENT_CONFIG_OVERRIDES } from '../aws/clientOverrides';
import { eventBridgeClient } from '../aws/eventBridgeClient';
import { snsClient } from '../aws/snsClient';
import { sqsClient } from '../aws/sqsClient';
import { logger } from '../observability/logger';
import { aWidget, Widget } from '../repository/testEntity';
import { chunkEntries } from './chunkEntries';
import { eventBridgeTarget } from './eventBridgeTarget';
import { isTtlExpiry } from './isTtlExpiry';
import { snsTarget } from './snsTarget';
import { sqsTarget } from './sqsTarget';
import { ttlFanOut } from './ttlFanOut';

const slot = globalThis as Record<symbol, unknown>;
const local = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
beforeEach(() => {
  logger.setLogLevel('SILENT');
  slot[CLIENT_CONFIG_OVERRIDES] = { sqs: local, sns: local, eventbridge: local };
});
afterEach(() => {
  delete slot[CLIENT_CONFIG_OVERRIDES];
  vi.restoreAllMocks();
});

const service = { type: 'Service', principalId: 'dynamodb.amazonaws.com' };
function removal(id: string, sequence: number, options: { ttl?: boolean; label?: string } = {}): DynamoDBRecord {
  const item = Widget.toItem({ ...aWidget, id, ...(options.label ? { label: options.label } : {}) });
  return {
    eventID: `e${sequence}`,
    eventName: 'REMOVE',
    eventSource: 'aws:dynamodb',
    dynamodb: {
      Keys: marshall({ PK: item['PK'], SK: item['SK'] }) as never,
      OldImage: marshall(item) as never,
      SequenceNumber: String(sequence),
      ApproximateCreationDateTime: 1767225600,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    ...(options.ttl === false ? {} : { userIdentity: service }),
  };
}

describe('isTtlExpiry', () => {
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-streams.html
  it('is true only for a REMOVE by the DynamoDB service principal', () => {
    expect(isTtlExpiry({ eventName: 'REMOVE', userIdentity: service })).toBe(true);
    expect(isTtlExpiry({ eventName: 'REMOVE' })).toBe(false);
    expect(isTtlExpiry({ eventName: 'REMOVE', userIdentity: { type: 'Service', principalId: 'someone.amazonaws.com' } })).toBe(false);
    expect(isTtlExpiry({ eventName: 'MODIFY', userIdentity: service })).toBe(false);
  });
});

describe('chunkEntries', () => {
  it('respects both the entry count and the byte budget, and sets aside entries too big alone', () => {
    const { chunks, oversized } = chunkEntries([1, 2, 3, 4, 5, 9, 1, 1], 3, 6, (n) => n);
    expect(chunks).toEqual([[1, 2, 3], [4], [5, 1], [1]]);
    expect(oversized).toEqual([9]);
  });

  it('never exceeds either limit and keeps every sendable entry, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(20)), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 30 }), (sizes, maxEntries, maxBytes) => {
        const { chunks, oversized } = chunkEntries(sizes, maxEntries, maxBytes, (n) => n);
        for (const chunk of chunks) {
          expect(chunk.length).toBeGreaterThan(0);
          expect(chunk.length).toBeLessThanOrEqual(maxEntries);
          expect(chunk.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(maxBytes);
        }
        expect(chunks.flat()).toEqual(sizes.filter((n) => n <= maxBytes));
        expect(oversized).toEqual(sizes.filter((n) => n > maxBytes));
      }),
    );
  });
});

describe('ttlFanOut', () => {
  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html
  it('SQS: ignores user deletes, sends expired entities in batches of 10 and reports Failed[] entries', async () => {
    const send = vi.spyOn(sqsClient(), 'send').mockImplementation((async (command: { input: { Entries: { Id: string }[] } }) => ({
      Successful: [],
      Failed: command.input.Entries.filter((e) => e.Id === 'r3').map((e) => ({ Id: e.Id, Code: 'InternalError', SenderFault: false })),
    })) as never);
    const records = [...Array.from({ length: 12 }, (_, i) => removal(`w${i}`, 100 + i)), removal('user', 200, { ttl: false })];

    const result = await ttlFanOut({ target: sqsTarget({ queueUrl: 'https://sqs.local/q' }), entities: [Widget] })({ Records: records });

    expect(send.mock.calls.map(([c]) => (c.input as { Entries: unknown[] }).Entries.length)).toEqual([10, 2]);
    const first = (send.mock.calls[0]?.[0].input as { Entries: { MessageBody: string; MessageAttributes: unknown }[] }).Entries[0];
    expect(JSON.parse(first?.MessageBody ?? '')).toEqual({ entityType: 'Widget', entity: { ...aWidget, id: 'w0' }, removedAt: 1767225600 });
    expect(first?.MessageAttributes).toEqual({ entityType: { DataType: 'String', StringValue: 'Widget' } });
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '103' }] });
  });

  // https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
  // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html
  it('EventBridge: splits on the 256 KB budget and maps Entries[].ErrorCode to failures', async () => {
    const send = vi.spyOn(eventBridgeClient(), 'send').mockImplementation((async (command: { input: { Entries: unknown[] } }) => ({
      FailedEntryCount: 1,
      Entries: command.input.Entries.map((_, i) => (i === 0 ? { ErrorCode: 'InternalFailure', ErrorMessage: 'x' } : { EventId: `id${i}` })),
    })) as never);
    // Three ~100 KB items: only two fit in one 256 KB PutEvents call.
    const records = ['a', 'b', 'c'].map((id, i) => {
      const record = removal(id, i + 1);
      record.dynamodb!.OldImage!['note'] = { S: 'x'.repeat(100 * 1024) };
      return record;
    });
    const result = await ttlFanOut({ target: eventBridgeTarget({ source: 'tidepool.test', eventBusName: 'bus' }) })({ Records: records });

    expect(send.mock.calls.map(([c]) => (c.input as { Entries: unknown[] }).Entries.length)).toEqual([2, 1]);
    expect((send.mock.calls[0]?.[0].input as { Entries: unknown[] }).Entries[0]).toMatchObject({ Source: 'tidepool.test', DetailType: 'Widget Expired', EventBusName: 'bus' });
    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['1', '3']);
  });

  // https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html
  it('SNS: a failed call reports every record of that batch; an undecodable record fails alone', async () => {
    vi.spyOn(snsClient(), 'send').mockImplementation(async () => {
      throw Object.assign(new Error('Throttled'), { name: 'ThrottledException' });
    });
    const bad = removal('bad', 9);
    bad.dynamodb!.OldImage!['size'] = { S: 'huge' };
    const result = await ttlFanOut({ target: snsTarget({ topicArn: 'arn:aws:sns:us-east-1:000000000000:t' }), entities: [Widget] })({ Records: [removal('a', 1), bad] });
    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['1', '9']);
  });

  it('reports an entry bigger than the API limit instead of sending it', async () => {
    const send = vi.spyOn(sqsClient(), 'send').mockImplementation(async () => ({ Failed: [] }) as never);
    const huge = removal('h', 5);
    huge.dynamodb!.OldImage!['note'] = { S: 'x'.repeat(300 * 1024) };
    const result = await ttlFanOut({ target: sqsTarget({ queueUrl: 'q' }) })({ Records: [huge, removal('ok', 6)] });
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '5' }] });
    expect(send).toHaveBeenCalledOnce();
  });
});
