import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { cbor } from '@smithy/core/cbor';
import AWS from 'aws-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requestGuard } from './requestGuard';
import { awsErrorResponse } from './awsErrorResponse';
import { startAwsEndpointServer, type AwsEndpointServer, type AwsRefusal } from './AwsEndpointServer';
import { currentCaller, withCaller } from './callerContext';

const { install } = requestGuard;
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const region = 'us-east-1';
const refused: AwsRefusal[] = [];
let server: AwsEndpointServer;
let uninstall: () => void;

beforeAll(async () => {
  server = await startAwsEndpointServer({ services: {}, onRefused: (refusal) => refused.push(refusal) });
  uninstall = install({ target: server.url, caller: currentCaller });
});
afterAll(async () => {
  uninstall();
  await server.close();
});
beforeEach(() => {
  refused.length = 0;
});

interface Case {
  name: string;
  title: string;
  operation: string;
  call: () => Promise<unknown>;
}

// One client per wire protocol, in both SDKs: each must surface the code and the message.
const cases: Case[] = [
  { name: 'v3 SSM (JSON 1.1)', title: 'AWS Systems Manager (SSM)', operation: 'GetParameter', call: () => new SSMClient({ region, credentials }).send(new GetParameterCommand({ Name: 'p' })) },
  { name: 'v3 CloudWatch (JSON 1.0)', title: 'Amazon CloudWatch', operation: 'PutMetricData', call: () => new CloudWatchClient({ region, credentials }).send(new PutMetricDataCommand({ Namespace: 'n', MetricData: [{ MetricName: 'm', Value: 1 }] })) },
  { name: 'v3 STS (Query)', title: 'AWS STS', operation: 'GetCallerIdentity', call: () => new STSClient({ region, credentials }).send(new GetCallerIdentityCommand({})) },
  { name: 'v3 SNS (Query)', title: 'Amazon SNS', operation: 'Publish', call: () => new SNSClient({ region, credentials }).send(new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:000000000000:t', Message: 'm' })) },
  { name: 'v3 Lambda (REST-JSON)', title: 'AWS Lambda', operation: 'GET /2015-03-31/functions/f', call: () => new LambdaClient({ region, credentials }).send(new GetFunctionCommand({ FunctionName: 'f' })) },
  { name: 'v2 Secrets Manager (JSON 1.1)', title: 'AWS Secrets Manager', operation: 'GetSecretValue', call: () => new AWS.SecretsManager({ region, credentials }).getSecretValue({ SecretId: 's' }).promise() },
  { name: 'v2 Step Functions (JSON 1.0)', title: 'AWS Step Functions', operation: 'StartExecution', call: () => new AWS.StepFunctions({ region, credentials }).startExecution({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:s' }).promise() },
  { name: 'v2 CloudFormation (Query)', title: 'AWS CloudFormation', operation: 'DescribeStacks', call: () => new AWS.CloudFormation({ region, credentials }).describeStacks({}).promise() },
  { name: 'v2 EC2 (EC2 Query)', title: 'Amazon EC2', operation: 'DescribeInstances', call: () => new AWS.EC2({ region, credentials }).describeInstances({}).promise() },
  { name: 'v2 Route 53 (REST-XML)', title: 'Amazon Route 53', operation: 'GET /2013-04-01/hostedzone', call: () => new AWS.Route53({ credentials }).listHostedZones({}).promise() },
  { name: 'v2 S3 PutObject (REST-XML)', title: 'Amazon S3', operation: 'PutObject', call: () => new AWS.S3({ region, credentials }).putObject({ Bucket: 'b', Key: 'k', Body: 'x' }).promise() },
  { name: 'v2 Kinesis (JSON 1.1)', title: 'Amazon Kinesis Data Streams', operation: 'PutRecord', call: () => new AWS.Kinesis({ region, credentials }).putRecord({ StreamName: 's', PartitionKey: 'p', Data: 'd' }).promise() },
];

describe('startAwsEndpointServer, for a service it has no handler for', () => {
  it.each(cases)('$name: fails at once with the code and a message naming service, operation and function', async ({ title, operation, call }) => {
    const error = (await withCaller('worker', call).then(
      () => {
        throw new Error('expected the call to be refused');
      },
      (e: unknown) => e,
    )) as Error & { code?: string };
    expect(error.name === 'TidepoolServiceNotEmulated' || error.code === 'TidepoolServiceNotEmulated', `${error.name}: ${error.message}`).toBe(true);
    expect(error.message).toContain(`${title} ${operation} called by function "worker" is not emulated by Tidepool`);
    expect(error.message).toContain('point the client at a server you run yourself');
    // Exactly one request reached the server: the SDK did not retry a 400.
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ operation, caller: 'worker' });
  });

  it('answers the instance metadata service with 404 at once, so credential providers move on', async () => {
    const response = await withCaller('imdsUser', () => fetch('http://169.254.169.254/latest/api/token', { method: 'PUT' }));
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Instance metadata service (IMDS) request PUT /latest/api/token from function "imdsUser" refused');
  });

  it('says so when it cannot tell the service', async () => {
    const response = await fetch(`${server.url}/whatever`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ message: expect.stringContaining('could not tell which AWS service POST /whatever is for') });
  });

  it('passes requests of a service it has a handler for, with the caller, and routes by SigV4 scope without a guard', async () => {
    const other = await startAwsEndpointServer({
      services: { ssm: async (request) => ({ statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify({ Parameter: { Name: 'p', Value: request.caller ?? 'none' } }) }) },
    });
    try {
      const direct = new SSMClient({ region, credentials, endpoint: other.url });
      const result = await direct.send(new GetParameterCommand({ Name: 'p' }));
      expect(result.Parameter?.Value).toBe('none');
    } finally {
      await other.close();
    }
  });
});

describe('awsErrorResponse', () => {
  it('encodes RPCv2 CBOR errors the Smithy decoder reads', () => {
    const reply = awsErrorResponse('cbor', { statusCode: 400, code: 'X', message: 'é'.repeat(30) });
    expect(reply.headers['smithy-protocol']).toBe('rpc-v2-cbor');
    expect(cbor.deserialize(reply.body as Uint8Array)).toEqual({ __type: 'X', message: 'é'.repeat(30) });
  });
});
