import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, GetParametersCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import AWS from 'aws-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsEndpointServer, type AwsEndpointServer } from '../preload/AwsEndpointServer';
import type { LocalValues } from './loadLocalValues';
import { localValueHandlers, type MissingValue } from './localValueHandlers';

const values: LocalValues = {
  file: '/svc/tidepool.values.yml',
  content: Buffer.from(''),
  ssm: { '/app/url': 'https://api.example.test', '/app/hosts': ['a', 'b'], '/app/secret': { user: 'u' } },
  cf: { 'billing-dev': { QueueUrl: 'http://queue.test/billing' } },
  s3: { 'cfg-bucket/flags/dev.json': '{"beta":true}' },
};
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = 'eu-west-1';

describe('localValueHandlers behind the AWS endpoint server (what the framework sends to resolve variables)', () => {
  let server: AwsEndpointServer;
  const asked: MissingValue[] = [];
  beforeAll(async () => {
    server = await startAwsEndpointServer({
      services: localValueHandlers(values, { accountId: '000000000000', region, onMissing: (value) => asked.push(value) }),
    });
  });
  afterAll(() => server.close());
  const v3 = { region, credentials };

  // https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
  it('answers STS GetCallerIdentity with the local account (SDK v3 and aws-sdk v2)', async () => {
    const identity = await new STSClient({ ...v3, endpoint: server.url }).send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Account: '000000000000', Arn: 'arn:aws:iam::000000000000:user/tidepool' });
    const v2 = await new AWS.STS({ region, credentials, endpoint: server.url }).getCallerIdentity({}).promise();
    expect(v2.Account).toBe('000000000000');
  });

  // https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html
  it('answers SSM GetParameter with String, StringList and SecureString values, ParameterNotFound otherwise', async () => {
    const ssm = new SSMClient({ ...v3, endpoint: server.url });
    const get = async (Name: string) => (await ssm.send(new GetParameterCommand({ Name, WithDecryption: true }))).Parameter;
    expect(await get('/app/url')).toMatchObject({ Name: '/app/url', Type: 'String', Value: 'https://api.example.test', Version: 1 });
    expect(await get('/app/hosts')).toMatchObject({ Type: 'StringList', Value: 'a,b' });
    expect(await get('/app/secret')).toMatchObject({ Type: 'SecureString', Value: '{"user":"u"}' });
    await expect(get('/app/none')).rejects.toBeInstanceOf(ParameterNotFound);
    const v2 = new AWS.SSM({ region, credentials, endpoint: server.url });
    await expect(v2.getParameter({ Name: '/app/none-v2' }).promise()).rejects.toMatchObject({ code: 'ParameterNotFound' });
    expect(asked).toEqual(expect.arrayContaining(['ssm:/app/none', 'ssm:/app/none-v2']));
  });

  // https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameters.html
  it('answers SSM GetParameters with the found ones and the rest as InvalidParameters', async () => {
    const out = await new SSMClient({ ...v3, endpoint: server.url }).send(new GetParametersCommand({ Names: ['/app/url', '/app/other'] }));
    expect(out.Parameters?.map((p) => p.Name)).toEqual(['/app/url']);
    expect(out.InvalidParameters).toEqual(['/app/other']);
  });

  // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html
  it('answers CloudFormation DescribeStacks with the outputs of the file, ValidationError "does not exist" otherwise (aws-sdk v2)', async () => {
    const cf = new AWS.CloudFormation({ region, credentials, endpoint: server.url });
    const { Stacks } = await cf.describeStacks({ StackName: 'billing-dev' }).promise();
    expect(Stacks?.[0]).toMatchObject({ StackName: 'billing-dev', StackStatus: 'CREATE_COMPLETE', Outputs: [{ OutputKey: 'QueueUrl', OutputValue: 'http://queue.test/billing' }] });
    await expect(cf.describeStacks({ StackName: 'nope' }).promise()).rejects.toMatchObject({ code: 'ValidationError', message: 'Stack with id nope does not exist' });
    expect(asked).toContain('cf:nope');
  });

  // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
  it('answers S3 GetObject with the object of the file, NoSuchKey otherwise', async () => {
    const s3 = new S3Client({ ...v3, endpoint: server.url, forcePathStyle: true });
    const object = await s3.send(new GetObjectCommand({ Bucket: 'cfg-bucket', Key: 'flags/dev.json' }));
    expect(await object.Body?.transformToString()).toBe('{"beta":true}');
    await expect(s3.send(new GetObjectCommand({ Bucket: 'cfg-bucket', Key: 'flags/prod.json' }))).rejects.toBeInstanceOf(NoSuchKey);
    expect(asked).toContain('s3:cfg-bucket/flags/prod.json');
  });

  it('refuses other operations of those services with a 400 naming the request', async () => {
    const sts = new AWS.STS({ region, credentials, endpoint: server.url, maxRetries: 0 });
    await expect(sts.assumeRole({ RoleArn: 'arn:aws:iam::1:role/x', RoleSessionName: 's' }).promise()).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringContaining('does not emulate this sts request'),
    });
  });
});
