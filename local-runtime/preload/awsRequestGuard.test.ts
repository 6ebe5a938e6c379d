import { execFile } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import AWS from 'aws-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assetPath } from './assetPath';
import { requestGuard } from './requestGuard';
import { startAwsEndpointServer, type AwsEndpointServer, type AwsServiceRequest } from './AwsEndpointServer';
import { currentCaller, withCaller } from './callerContext';

const { install } = requestGuard;
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const seen: Array<AwsServiceRequest & { service: string }> = [];
let server: AwsEndpointServer;
const uninstalls: Array<() => void> = [];

function guard(target: string): () => void {
  const uninstall = install({ target, caller: currentCaller });
  uninstalls.push(uninstall);
  return uninstall;
}

beforeEach(async () => {
  seen.length = 0;
  server = await startAwsEndpointServer({
    services: {
      dynamodb: async (request) => {
        seen.push({ ...request, service: 'dynamodb' });
        return { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: JSON.stringify({ TableNames: ['local'] }) };
      },
      sts: async (request) => {
        seen.push({ ...request, service: 'sts' });
        return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'sts here' };
      },
      sqs: async (request) => {
        seen.push({ ...request, service: 'sqs' });
        return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'sqs here' };
      },
    },
  });
});

afterEach(async () => {
  for (const uninstall of uninstalls.splice(0)) uninstall();
  await server.close();
});

describe('awsRequestGuard', () => {
  it('sends an SDK v3 client with no endpoint configured to the local target, with the AWS host and caller', async () => {
    guard(server.url);
    const client = new DynamoDBClient({ region: 'eu-west-1', credentials });
    const result = await withCaller('listFn', () => client.send(new ListTablesCommand({})));
    expect(result.TableNames).toEqual(['local']);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers['x-tidepool-aws-host']).toBe('dynamodb.eu-west-1.amazonaws.com');
    expect(seen[0]!.headers['x-amz-target']).toBe('DynamoDB_20120810.ListTables');
    // The signed Host stays the AWS one.
    expect(seen[0]!.headers.host).toBe('dynamodb.eu-west-1.amazonaws.com');
    expect(seen[0]!.caller).toBe('listFn');
    client.destroy();
  });

  it('sends an aws-sdk v2 client to the local target', async () => {
    guard(server.url);
    const client = new AWS.DynamoDB({ region: 'us-east-2', credentials, maxRetries: 0 });
    const result = await withCaller('v2Fn', () => client.listTables({}).promise());
    expect(result.TableNames).toEqual(['local']);
    expect(seen[0]!.headers['x-tidepool-aws-host']).toBe('dynamodb.us-east-2.amazonaws.com');
    expect(seen[0]!.caller).toBe('v2Fn');
  });

  it('fails an S3 GetObject at once (one request, no retry) with a message naming S3, the operation and the function', async () => {
    const refused: string[] = [];
    await server.close();
    server = await startAwsEndpointServer({ services: {}, onRefused: (r) => refused.push(r.message) });
    guard(server.url);
    const s3 = new S3Client({ region: 'us-east-1', credentials });
    const error = await withCaller('readReport', () => s3.send(new GetObjectCommand({ Bucket: 'reports', Key: 'a.json' }))).then(
      () => undefined,
      (e: unknown) => e as Error & { $metadata: { attempts?: number } },
    );
    expect(error?.name).toBe('TidepoolServiceNotEmulated');
    expect(error?.message).toContain('Amazon S3 GetObject called by function "readReport" is not emulated by Tidepool');
    expect(error?.message).toContain('never sends requests to AWS');
    expect(error?.$metadata.attempts).toBe(1);
    expect(refused).toHaveLength(1);
    s3.destroy();
  });

  it('fails an aws-sdk v2 S3 getObject at once with the message', async () => {
    const refused: string[] = [];
    await server.close();
    server = await startAwsEndpointServer({ services: {}, onRefused: (r) => refused.push(r.operation) });
    guard(server.url);
    const s3 = new AWS.S3({ region: 'us-east-1', credentials });
    const error = await withCaller('v2Reader', () => s3.getObject({ Bucket: 'reports', Key: 'a.json' }).promise()).catch((e: unknown) => e as AWS.AWSError);
    expect(error).toMatchObject({ code: 'TidepoolServiceNotEmulated', retryable: false });
    expect((error as Error).message).toContain('Amazon S3 GetObject called by function "v2Reader"');
    expect(refused).toEqual(['GetObject']);
  });

  it('leaves requests to non-AWS hosts untouched', async () => {
    guard(server.url);
    const plain = await listen((req, res) => res.end(JSON.stringify({ host: req.headers.host, tagged: req.headers['x-tidepool-aws-host'] ?? null })));
    const viaGet = await new Promise<string>((resolve, reject) => {
      http.get(`http://127.0.0.1:${plain.port}/x`, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(text));
      }).on('error', reject);
    });
    expect(JSON.parse(viaGet)).toEqual({ host: `127.0.0.1:${plain.port}`, tagged: null });
    const viaFetch = await (await fetch(`http://127.0.0.1:${plain.port}/y`)).json();
    expect(viaFetch).toEqual({ host: `127.0.0.1:${plain.port}`, tagged: null });
    expect(seen).toHaveLength(0);
    await plain.close();
  });

  it('redirects global fetch to an AWS host, keeping method, path and body', async () => {
    guard(server.url);
    const res = await withCaller('fetcher', () => fetch('https://sts.amazonaws.com/?Action=GetCallerIdentity', { method: 'POST', body: 'a=1' }));
    expect(await res.text()).toBe('sts here');
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/?Action=GetCallerIdentity', caller: 'fetcher' });
    expect(seen[0]!.body.toString()).toBe('a=1');
    expect(seen[0]!.headers['x-tidepool-aws-host']).toBe('sts.amazonaws.com');
  });

  it('stacks installs: the latest wins, uninstall removes its own entry, none left restores the originals', async () => {
    const originals = [http.request, http.get, https.request, https.get, globalThis.fetch];
    const other = await startAwsEndpointServer({
      services: { sts: async () => ({ statusCode: 200, headers: {}, body: 'other' }) },
    });
    const first = guard(server.url);
    const second = guard(other.url);
    const ask = async (): Promise<string> => (await fetch('https://sts.amazonaws.com/')).text();
    expect(await ask()).toBe('other');
    second();
    expect(await ask()).toBe('sts here');
    first();
    expect([http.request, http.get, https.request, https.get, globalThis.fetch]).toEqual(originals);
    await other.close();
  });

  it('installs itself in a child process started with node --require and TIDEPOOL_AWS_TARGET', async () => {
    const script = `require('node:https').get('https://sqs.us-east-1.amazonaws.com/q', (r) => { r.on('data', (c) => process.stdout.write(c)); });`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--require', assetPath('awsRequestGuard.cjs'), '-e', script], {
      env: { ...process.env, TIDEPOOL_AWS_TARGET: server.url, TIDEPOOL_AWS_CALLER: 'resolver' },
    });
    expect(stdout).toBe('sqs here');
    expect(seen[0]).toMatchObject({ path: '/q', caller: 'resolver' });
  });

  it('knows the AWS hosts and nothing else', () => {
    for (const host of ['dynamodb.us-east-1.amazonaws.com', 'S3.AMAZONAWS.COM', 'sqs.cn-north-1.amazonaws.com.cn', 'dynamodb.us-east-1.api.aws', '169.254.169.254', '[fd00:ec2::254]', 'abc.lambda-url.us-east-1.on.aws']) {
      expect(requestGuard.isAwsHost(host), host).toBe(true);
    }
    for (const host of ['127.0.0.1', 'localhost', 'example.com', 'amazonaws.com.evil.example', 'notamazonaws.com']) expect(requestGuard.isAwsHost(host), host).toBe(false);
  });
});

async function listen(handler: http.RequestListener): Promise<{ port: number; close(): Promise<void> }> {
  const plain = http.createServer(handler);
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  return {
    port: (plain.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      plain.closeAllConnections();
      plain.close(() => resolve());
    }),
  };
}
