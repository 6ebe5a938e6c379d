import { describe, expect, it } from 'vitest';
import { awsServiceOfHost } from './awsServiceOfHost';

// Endpoint forms: https://docs.aws.amazon.com/general/latest/gr/rande.html,
// S3 virtual-hosted and legacy endpoints: https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html,
// DynamoDB Streams: https://docs.aws.amazon.com/general/latest/gr/ddb.html,
// instance metadata: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html
describe('awsServiceOfHost', () => {
  it.each([
    ['dynamodb.us-east-1.amazonaws.com', 'dynamodb'],
    ['dynamodb.us-east-1.amazonaws.com:443', 'dynamodb'],
    ['dynamodb-fips.us-gov-west-1.amazonaws.com', 'dynamodb'],
    ['dynamodb.us-east-1.api.aws', 'dynamodb'],
    ['123456789012.ddb.eu-west-1.amazonaws.com', 'dynamodb'],
    ['streams.dynamodb.eu-west-1.amazonaws.com', 'streams.dynamodb'],
    ['sqs.us-east-1.amazonaws.com', 'sqs'],
    ['queue.amazonaws.com', 'sqs'],
    ['us-west-2.queue.amazonaws.com', 'sqs'],
    ['sns.ap-southeast-2.amazonaws.com', 'sns'],
    ['events.us-east-1.amazonaws.com', 'events'],
    ['lambda.us-east-1.amazonaws.com', 'lambda'],
    ['sts.amazonaws.com', 'sts'],
    ['ssm.cn-north-1.amazonaws.com.cn', 'ssm'],
    ['cloudformation.us-east-1.amazonaws.com', 'cloudformation'],
    ['s3.amazonaws.com', 's3'],
    ['my-bucket.s3.eu-west-1.amazonaws.com', 's3'],
    ['my.dotted.bucket.s3.amazonaws.com', 's3'],
    ['s3-us-west-2.amazonaws.com', 's3'],
    ['bucket.s3.dualstack.us-east-1.amazonaws.com', 's3'],
    ['bucket.s3-accelerate.amazonaws.com', 's3'],
    ['123456789012.s3-control.us-east-1.amazonaws.com', 's3-control'],
    ['secretsmanager.us-east-1.amazonaws.com', 'secretsmanager'],
    ['kinesis.us-east-1.amazonaws.com', 'kinesis'],
    ['states.us-east-1.amazonaws.com', 'states'],
    ['abc123.execute-api.us-east-1.amazonaws.com', 'execute-api'],
    ['vpce-0a1b-2c3d.dynamodb.us-east-1.vpce.amazonaws.com', 'dynamodb'],
    ['169.254.169.254', 'imds'],
    ['169.254.170.2', 'imds'],
    ['[fd00:ec2::254]', 'imds'],
  ])('%s -> %s', (host, service) => {
    expect(awsServiceOfHost(host)).toBe(service);
  });

  it.each(['127.0.0.1', 'localhost:8000', 'example.com', 'amazonaws.com.example.org'])('%s is not an AWS host', (host) => {
    expect(awsServiceOfHost(host)).toBeUndefined();
  });
});
