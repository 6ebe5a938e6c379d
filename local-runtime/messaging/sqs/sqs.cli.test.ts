import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMessagingEndpoint } from '../testing/startMessagingEndpoint';
import { awsCli, hasAwsCli } from '../testing/awsCli';

let endpoint: Awaited<ReturnType<typeof startMessagingEndpoint>>;
beforeAll(async () => {
  endpoint = await startMessagingEndpoint();
});
afterAll(() => endpoint.close());

// The AWS CLI v1 speaks SQS's JSON protocol, SNS's Query protocol and EventBridge's JSON 1.1.
describe.skipIf(!hasAwsCli)('AWS CLI', () => {
  const aws = (...args: string[]) => awsCli(endpoint.url, args);

  it('runs sqs create-queue, send-message and receive-message against the endpoint', async () => {
    const QueueUrl = 'https://sqs.us-east-1.amazonaws.com/000000000000/cli';
    expect(await aws('sqs', 'create-queue', '--queue-name', 'cli')).toEqual({ QueueUrl });
    await aws('sqs', 'send-message', '--queue-url', QueueUrl, '--message-body', 'from the cli');
    const received = await aws('sqs', 'receive-message', '--queue-url', String(QueueUrl), '--attribute-names', 'All');
    expect(received['Messages']).toEqual([expect.objectContaining({ Body: 'from the cli', Attributes: expect.objectContaining({ ApproximateReceiveCount: '1' }) })]);
  });

});
