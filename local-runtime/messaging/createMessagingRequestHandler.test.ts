import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PublishBatchCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/Clock';
import { createMessagingRequestHandler } from './createMessagingRequestHandler';
import { LocalQueue } from './LocalQueue';
import { newTopic } from './sns/LocalTopic';
import { MessagingHub, type SentMessage } from './MessagingHub';

const ACCOUNT = '000000000000';
const QUEUE_URL = `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/jobs`;
const TOPIC_ARN = `arn:aws:sns:us-east-1:${ACCOUNT}:alerts`;

let sent: SentMessage[];
let delivered: Array<{ functionKey: string; event: unknown }>;
let hub: MessagingHub;
let sqs: SQSClient;
let sns: SNSClient;
let events: EventBridgeClient;

beforeEach(() => {
  sent = [];
  delivered = [];
  hub = new MessagingHub({
    clock: new VirtualClock(),
    region: 'us-east-1',
    accountId: ACCOUNT,
    onSent: (m) => sent.push(m),
    deliverAsync: (functionKey, event) => delivered.push({ functionKey, event }),
  });
  hub.addQueue(new LocalQueue('Jobs', 'jobs', `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`, QUEUE_URL));
  hub.addTopic({ ...newTopic('Alerts', 'alerts', TOPIC_ARN), subscriptions: [{ arn: `${TOPIC_ARN}:1`, topicArn: TOPIC_ARN, protocol: 'lambda', endpoint: 'onAlert', attributes: {}, matches: undefined, functionKey: 'onAlert' }] });
  hub.addBus({ logicalId: undefined, name: 'default', arn: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default`, rules: new Map([['any', { name: 'any', arn: 'arn:aws:events:us-east-1:000000000000:rule/any', eventBusName: 'default', state: 'ENABLED', matches: () => true, targets: [{ Id: 't', Arn: 'x', functionKey: 'onAny' }] }]]) });
  const config = {
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    endpoint: 'http://in-process.tidepool',
    requestHandler: createMessagingRequestHandler(hub),
  };
  sqs = new SQSClient(config);
  sns = new SNSClient(config);
  events = new EventBridgeClient(config);
});

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as { name: string; message: string });

describe('SQS (AWS JSON 1.0)', () => {
  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
  it('queues a message and answers the MD5 the SDK verifies', async () => {
    const result = await sqs.send(new SendMessageCommand({ QueueUrl: QUEUE_URL, MessageBody: 'hello', MessageAttributes: { n: { DataType: 'Number', StringValue: '1' } } }));
    expect(result.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.MD5OfMessageBody).toBe('5d41402abc4b2a76b9719d911017c592');
    expect(hub.queue(QUEUE_URL).messages.map((m) => m.body)).toEqual(['hello']);
    expect(sent).toMatchObject([{ service: 'sqs', name: 'jobs', logicalId: 'Jobs', body: 'hello' }]);
  });

  it('answers QueueDoesNotExist for an unknown queue', async () => {
    const error = await failure(sqs.send(new SendMessageCommand({ QueueUrl: `${QUEUE_URL}-nope`, MessageBody: 'x' })));
    expect(error).toMatchObject({ name: 'QueueDoesNotExist', message: 'The specified queue does not exist.' });
  });

  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html
  it.each([
    [[], 'EmptyBatchRequest', 'There should be at least one SendMessageBatchRequestEntry in the request.'],
    [[{ Id: 'a', MessageBody: '1' }, { Id: 'a', MessageBody: '2' }], 'BatchEntryIdsNotDistinct', 'Id a repeated.'],
    [Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x' })), 'TooManyEntriesInBatchRequest', 'Maximum number of entries per request are 10. You have sent 11.'],
  ])('rejects a bad batch and queues nothing (%#)', async (entries, name, message) => {
    const error = await failure(sqs.send(new SendMessageBatchCommand({ QueueUrl: QUEUE_URL, Entries: entries })));
    expect(error).toMatchObject({ name, message });
    expect(hub.queue(QUEUE_URL).messages).toEqual([]);
  });

  it('fails an oversized entry on its own in a batch', async () => {
    const result = await sqs.send(new SendMessageBatchCommand({ QueueUrl: QUEUE_URL, Entries: [
      { Id: 'ok', MessageBody: 'fine' },
      { Id: 'big', MessageBody: 'x'.repeat(262_145) },
    ] }));
    expect(result.Successful?.map((s) => s.Id)).toEqual(['ok']);
    expect(result.Failed).toMatchObject([{ Id: 'big', SenderFault: true, Code: 'InvalidParameterValue' }]);
  });
});

describe('SNS (AWS Query)', () => {
  // https://docs.aws.amazon.com/sns/latest/api/API_Publish.html
  it('publishes to the topic and hands the SNS event to subscribers', async () => {
    const result = await sns.send(new PublishCommand({ TopicArn: TOPIC_ARN, Message: 'hi' }));
    expect(result.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(delivered).toMatchObject([{ functionKey: 'onAlert', event: { Records: [{ EventSource: 'aws:sns', Sns: { Message: 'hi', Subject: null, MessageId: result.MessageId } }] } }]);
  });

  it('answers NotFound for an unknown topic', async () => {
    const error = await failure(sns.send(new PublishCommand({ TopicArn: `${TOPIC_ARN}-nope`, Message: 'hi' })));
    expect(error).toMatchObject({ name: 'NotFoundException', message: 'Topic does not exist' });
  });

  // https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html
  it('publishes a batch, and rejects more than 10 entries without publishing any', async () => {
    const ok = await sns.send(new PublishBatchCommand({ TopicArn: TOPIC_ARN, PublishBatchRequestEntries: [{ Id: 'a', Message: '1' }, { Id: 'b', Message: '2' }] }));
    expect(ok.Successful?.map((s) => s.Id)).toEqual(['a', 'b']);
    const error = await failure(sns.send(new PublishBatchCommand({
      TopicArn: TOPIC_ARN,
      PublishBatchRequestEntries: Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, Message: 'x' })),
    })));
    expect(error).toMatchObject({ name: 'TooManyEntriesInBatchRequestException' });
    expect(sent).toHaveLength(2);
  });
});

describe('EventBridge (AWS JSON 1.1)', () => {
  // https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
  it('accepts valid entries and fails malformed ones individually', async () => {
    const result = await events.send(new PutEventsCommand({ Entries: [
      { Source: 'orders', DetailType: 'OrderPlaced', Detail: '{"id":1}' },
      { Source: 'orders', DetailType: 'OrderPlaced', Detail: 'not json' },
      { DetailType: 'OrderPlaced', Detail: '{}' },
    ] }));
    expect(result.FailedEntryCount).toBe(2);
    expect(result.Entries?.[0]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.Entries?.[1]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    expect(result.Entries?.[2]?.ErrorCode).toBe('InvalidArgument');
    expect(delivered).toMatchObject([{ functionKey: 'onAny', event: { source: 'orders', 'detail-type': 'OrderPlaced', detail: { id: 1 }, version: '0' } }]);
  });

  it('rejects more than 10 entries with ValidationException and sends nothing', async () => {
    const error = await failure(events.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => ({ Source: 's', DetailType: 'd', Detail: '{}' })) })));
    expect(error).toMatchObject({ name: 'ValidationException' });
    expect(sent).toEqual([]);
  });

  it('answers ResourceNotFoundException for an unknown bus and sends nothing', async () => {
    const error = await failure(events.send(new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}', EventBusName: 'nope' }] })));
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', message: 'Event bus nope does not exist.' });
    expect(sent).toEqual([]);
  });
});
