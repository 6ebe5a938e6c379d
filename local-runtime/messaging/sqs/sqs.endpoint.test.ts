import {
  ChangeMessageVisibilityCommand, CreateQueueCommand, DeleteMessageBatchCommand, DeleteMessageCommand, DeleteQueueCommand,
  GetQueueAttributesCommand, GetQueueUrlCommand, ListDeadLetterSourceQueuesCommand, ListQueuesCommand, ListQueueTagsCommand, PurgeQueueCommand,
  ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SetQueueAttributesCommand, SQSClient, TagQueueCommand, UntagQueueCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualClock } from '../../clock/Clock';
import { startMessagingEndpoint } from '../testing/startMessagingEndpoint';

let endpoint: Awaited<ReturnType<typeof startMessagingEndpoint>>;
let sqs: SQSClient;
let clock: VirtualClock;

beforeAll(async () => {
  endpoint = await startMessagingEndpoint();
  clock = endpoint.clock;
  sqs = new SQSClient(endpoint.config);
});
afterAll(() => endpoint.close());

const create = async (name: string, attributes: Record<string, string> = {}) =>
  (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl!;
const receive = async (url: string, extra: Record<string, unknown> = {}) =>
  (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'], ...extra }))).Messages ?? [];

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
describe('queues', () => {
  it('creates queues with AWS-shaped URLs and ARNs, idempotently, and finds, lists, tags and deletes them', async () => {
    const url = await create('orders');
    expect(url).toBe('https://sqs.us-east-1.amazonaws.com/000000000000/orders');
    expect(await create('orders')).toBe(url);
    await expect(sqs.send(new CreateQueueCommand({ QueueName: 'orders', Attributes: { VisibilityTimeout: '5' } }))).rejects.toMatchObject({ name: 'QueueNameExists' });
    expect((await sqs.send(new GetQueueUrlCommand({ QueueName: 'orders' }))).QueueUrl).toBe(url);
    expect((await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'ord' }))).QueueUrls).toEqual([url]);
    const attributes = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }))).Attributes!;
    expect(attributes).toMatchObject({ QueueArn: 'arn:aws:sqs:us-east-1:000000000000:orders', VisibilityTimeout: '30', DelaySeconds: '0', MaximumMessageSize: '262144', MessageRetentionPeriod: '345600', ApproximateNumberOfMessages: '0' });
    await sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: { team: 'a', env: 'dev' } }));
    await sqs.send(new UntagQueueCommand({ QueueUrl: url, TagKeys: ['env'] }));
    expect((await sqs.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags).toEqual({ team: 'a' });
    await sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: 'orders' }))).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
  });

  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
  it('rejects unknown attributes and invalid values with AWS errors, changing nothing', async () => {
    const url = await create('attrs');
    await expect(sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: '10', Colour: 'red' } as Record<string, string> }))).rejects.toMatchObject({ name: 'InvalidAttributeName', message: 'Unknown Attribute Colour.' });
    await expect(sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: '43201' } }))).rejects.toMatchObject({ name: 'InvalidAttributeValue' });
    expect((await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['VisibilityTimeout'] }))).Attributes).toEqual({ VisibilityTimeout: '30' });
    await expect(sqs.send(new CreateQueueCommand({ QueueName: 'bad name!' }))).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });
});

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html
describe('messages', () => {
  it('sends, receives with attributes and digests the SDK verifies, hides for the visibility timeout, deletes', async () => {
    const url = await create('work');
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'hello', MessageAttributes: { kind: { DataType: 'String', StringValue: 'greeting' }, n: { DataType: 'Number', StringValue: '3' } } }));
    expect(sent.MD5OfMessageBody).toBe('5d41402abc4b2a76b9719d911017c592');
    const [message] = await receive(url, { MessageAttributeNames: ['kind'] });
    expect(message).toMatchObject({ MessageId: sent.MessageId, Body: 'hello', MessageAttributes: { kind: { DataType: 'String', StringValue: 'greeting' } } });
    expect(message!.MessageAttributes).not.toHaveProperty('n');
    expect(message!.Attributes).toMatchObject({ ApproximateReceiveCount: '1', SentTimestamp: String(clock.now()) });
    expect(await receive(url)).toEqual([]);
    clock.advance(30_000);
    const [again] = await receive(url);
    expect(again!.Attributes!.ApproximateReceiveCount).toBe('2');
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: again!.ReceiptHandle }));
    clock.advance(30_000);
    expect(await receive(url)).toEqual([]);
    await expect(sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: 'nonsense' }))).rejects.toMatchObject({ name: 'ReceiptHandleIsInvalid' });
  });

  it('delays messages (DelaySeconds), changes visibility, and counts visible, in-flight and delayed messages', async () => {
    const url = await create('delays');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'later', DelaySeconds: 60 }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'now' }));
    const [now] = await receive(url);
    expect(now!.Body).toBe('now');
    const counts = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] }))).Attributes;
    expect(counts).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '1', ApproximateNumberOfMessagesDelayed: '1' });
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: now!.ReceiptHandle, VisibilityTimeout: 0 }));
    expect((await receive(url)).map((m) => m.Body)).toEqual(['now']);
    clock.advance(60_000);
    // 'now' is visible again too: its second receive's visibility timeout (30 s) passed.
    expect((await receive(url)).map((m) => m.Body)).toEqual(['later', 'now']);
  });

  it('drops messages past MessageRetentionPeriod', async () => {
    const url = await create('short', { MessageRetentionPeriod: '60' });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'old' }));
    clock.advance(60_000);
    expect(await receive(url)).toEqual([]);
  });

  it('long polls: a receive with WaitTimeSeconds waits for the next message', async () => {
    const url = await create('poll');
    const waiting = receive(url, { WaitTimeSeconds: 20 });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'arrived' }));
    expect((await waiting).map((m) => m.Body)).toEqual(['arrived']);
  });

  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html
  it('sends and deletes in batches, failing bad entries on their own and refusing more than 10', async () => {
    const url = await create('batch');
    const result = await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'a', MessageBody: 'one' }, { Id: 'b', MessageBody: 'two', DelaySeconds: 901 }] }));
    expect(result.Successful!.map((s) => s.Id)).toEqual(['a']);
    expect(result.Failed).toEqual([expect.objectContaining({ Id: 'b', SenderFault: true, Code: 'InvalidParameterValue' })]);
    const entries = Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x' }));
    await expect(sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }))).rejects.toMatchObject({ name: 'TooManyEntriesInBatchRequest' });
    const messages = await receive(url);
    expect(messages).toHaveLength(1);
    const deleted = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'd', ReceiptHandle: messages[0]!.ReceiptHandle }] }));
    expect(deleted.Successful).toEqual([{ Id: 'd' }]);
    await expect(receive(url, { MaxNumberOfMessages: 11 })).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });

  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_PurgeQueue.html
  it('purges once per 60 seconds', async () => {
    const url = await create('purge');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
    await sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
    expect(await receive(url)).toEqual([]);
    await expect(sqs.send(new PurgeQueueCommand({ QueueUrl: url }))).rejects.toMatchObject({ name: 'PurgeQueueInProgress' });
    clock.advance(60_000);
    await sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
  });
});

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-exactly-once-processing.html
describe('FIFO queues', () => {
  it('keeps group order, holds a group while a message of it is in flight, and deduplicates for 5 minutes', async () => {
    const url = await create('jobs.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    for (const [group, body] of [['g1', 'a1'], ['g2', 'b1'], ['g1', 'a2']] as const) {
      await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageGroupId: group }));
    }
    const dup = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'a1', MessageGroupId: 'g1' }));
    const [first] = await receive(url, { MaxNumberOfMessages: 1 });
    expect(first!.Body).toBe('a1');
    expect(dup.MessageId).toBe(first!.MessageId);
    // g1 is in flight: only g2's message can be received.
    expect((await receive(url)).map((m) => m.Body)).toEqual(['b1']);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: first!.ReceiptHandle }));
    const [next] = await receive(url);
    expect(next).toMatchObject({ Body: 'a2', Attributes: expect.objectContaining({ MessageGroupId: 'g1' }) });
    clock.advance(5 * 60_000);
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'a1', MessageGroupId: 'g1' }));
    expect((await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }))).Attributes).toEqual({ ApproximateNumberOfMessages: '3' });
  });

  it('requires MessageGroupId, and a deduplication id without content-based deduplication', async () => {
    const url = await create('strict.fifo', { FifoQueue: 'true' });
    await expect(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }))).rejects.toMatchObject({ name: 'MissingParameter' });
    await expect(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g' }))).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await expect(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g', DelaySeconds: 5 }))).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });
});

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
describe('dead-letter queues', () => {
  it('moves a message received more than maxReceiveCount times to the DLQ, keeping its id', async () => {
    const dlqUrl = await create('work-dlq');
    const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    const url = await create('work-with-dlq', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }), VisibilityTimeout: '10' });
    const { MessageId } = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'poison' }));
    for (let i = 0; i < 2; i++) {
      expect(await receive(url)).toHaveLength(1);
      clock.advance(10_000);
    }
    expect(await receive(url)).toEqual([]);
    const [moved] = await receive(dlqUrl);
    expect(moved).toMatchObject({ MessageId, Body: 'poison', Attributes: expect.objectContaining({ DeadLetterQueueSourceArn: 'arn:aws:sqs:us-east-1:000000000000:work-with-dlq' }) });
    expect((await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlqUrl }))).queueUrls).toEqual([url]);
  });

  it('refuses a redrive policy naming a queue that does not exist', async () => {
    await expect(create('orphan', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:nope', maxReceiveCount: 2 }) })).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: 'orphan' }))).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
  });
});
