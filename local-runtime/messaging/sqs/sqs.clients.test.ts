import AWS from 'aws-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMessagingEndpoint, TEST_CREDENTIALS } from '../testing/startMessagingEndpoint';

let endpoint: Awaited<ReturnType<typeof startMessagingEndpoint>>;
beforeAll(async () => {
  endpoint = await startMessagingEndpoint();
});
afterAll(() => endpoint.close());

/** A Query-protocol request as aws-sdk v2 before its JSON switch sent it (form body, XML reply). */
async function query(params: Record<string, string>): Promise<{ status: number; text: string }> {
  const response = await fetch(endpoint.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams({ Version: '2012-11-05', ...params }).toString(),
  });
  return { status: response.status, text: await response.text() };
}

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-making-api-requests-xml.html
describe('SQS Query protocol', () => {
  it('creates, sends with attributes, receives as XML and deletes', async () => {
    const created = await query({ Action: 'CreateQueue', QueueName: 'legacy', 'Attribute.1.Name': 'VisibilityTimeout', 'Attribute.1.Value': '45' });
    expect(created.text).toContain('<QueueUrl>https://sqs.us-east-1.amazonaws.com/000000000000/legacy</QueueUrl>');
    const url = 'https://sqs.us-east-1.amazonaws.com/000000000000/legacy';
    const sent = await query({ Action: 'SendMessage', QueueUrl: url, MessageBody: 'hi <there>', 'MessageAttribute.1.Name': 'kind', 'MessageAttribute.1.Value.DataType': 'String', 'MessageAttribute.1.Value.StringValue': 'k' });
    expect(sent.text).toMatch(/<SendMessageResponse xmlns="http:\/\/queue.amazonaws.com\/doc\/2012-11-05\/"><SendMessageResult><MessageId>[0-9a-f-]+<\/MessageId><MD5OfMessageBody>[0-9a-f]{32}<\/MD5OfMessageBody><MD5OfMessageAttributes>/);
    const received = await query({ Action: 'ReceiveMessage', QueueUrl: url, 'AttributeName.1': 'All', 'MessageAttributeName.1': 'All' });
    expect(received.text).toContain('<Body>hi &#60;there&#62;</Body>');
    expect(received.text).toContain('<Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>');
    expect(received.text).toContain('<MessageAttribute><Name>kind</Name><Value><DataType>String</DataType><StringValue>k</StringValue></Value></MessageAttribute>');
    const handle = /<ReceiptHandle>([^<]+)<\/ReceiptHandle>/.exec(received.text)![1]!;
    const batch = await query({ Action: 'DeleteMessageBatch', QueueUrl: url, 'DeleteMessageBatchRequestEntry.1.Id': 'a', 'DeleteMessageBatchRequestEntry.1.ReceiptHandle': handle });
    expect(batch.text).toContain('<DeleteMessageBatchResultEntry><Id>a</Id></DeleteMessageBatchResultEntry>');
    const attributes = await query({ Action: 'GetQueueAttributes', QueueUrl: url, 'AttributeName.1': 'VisibilityTimeout' });
    expect(attributes.text).toContain('<Attribute><Name>VisibilityTimeout</Name><Value>45</Value></Attribute>');
  });

  it('answers errors as an XML ErrorResponse with the Query error code', async () => {
    const missing = await query({ Action: 'GetQueueUrl', QueueName: 'nope' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('<Code>AWS.SimpleQueueService.NonExistentQueue</Code>');
    expect(missing.text).toContain('<Message>The specified queue does not exist.</Message>');
  });
});

describe('aws-sdk v2', () => {
  it('speaks SQS, SNS and EventBridge to the endpoint', async () => {
    const options = { region: 'us-east-1', endpoint: endpoint.url, credentials: new AWS.Credentials(TEST_CREDENTIALS.accessKeyId, TEST_CREDENTIALS.secretAccessKey) };
    const sqs = new AWS.SQS(options);
    await sqs.createQueue({ QueueName: 'v2' }).promise();
    // aws-sdk v2 sends SQS calls to the QueueUrl's host: outside handlers, name the queue on the local endpoint.
    const QueueUrl = `${endpoint.url}/000000000000/v2`;
    await sqs.sendMessage({ QueueUrl: QueueUrl!, MessageBody: 'from v2' }).promise();
    const { Messages } = await sqs.receiveMessage({ QueueUrl: QueueUrl! }).promise();
    expect(Messages?.map((m) => m.Body)).toEqual(['from v2']);
    const sns = new AWS.SNS(options);
    const { TopicArn } = await sns.createTopic({ Name: 'v2-topic' }).promise();
    expect(TopicArn).toBe('arn:aws:sns:us-east-1:000000000000:v2-topic');
    await sns.subscribe({ TopicArn: TopicArn!, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:000000000000:v2', Attributes: { RawMessageDelivery: 'true' } }).promise();
    await sns.publish({ TopicArn: TopicArn!, Message: 'fanned' }).promise();
    const events = new AWS.EventBridge(options);
    await events.putRule({ Name: 'v2-rule', EventPattern: JSON.stringify({ source: ['v2'] }) }).promise();
    await events.putTargets({ Rule: 'v2-rule', Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:v2', InputPath: '$.detail' }] }).promise();
    const put = await events.putEvents({ Entries: [{ Source: 'v2', DetailType: 't', Detail: '{"n":1}' }] }).promise();
    expect(put.FailedEntryCount).toBe(0);
    const after = await sqs.receiveMessage({ QueueUrl: QueueUrl!, MaxNumberOfMessages: 10 }).promise();
    expect(after.Messages?.map((m) => m.Body)).toEqual(['fanned', '{"n":1}']);
  });
});

