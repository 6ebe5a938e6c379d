import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand, PutItemCommand, CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealClock, VirtualClock } from '../clock/Clock';
import { Engine } from '../engine/Engine';
import { loadSigningKeys } from './signatureCheck';
import { startWireServer, type WireServer } from './startWireServer';

const NOW = Date.UTC(2026, 11, 4, 12, 0, 0);
const keysFile = (text: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'tidepool-keys-')), 'credentials');
  writeFileSync(file, text);
  return file;
};

// Signature Version 4 and its errors: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html
// Error types and messages as DynamoDB answers them (dynalite's connection tests against DynamoDB record
// MissingAuthenticationTokenException 'Request is missing Authentication Token' and the IncompleteSignatureException texts).
describe('serve --credentials: requests must be signed, as on AWS', () => {
  let server: WireServer;
  let engine: Engine;
  const client = (secretAccessKey: string, extra: { accessKeyId?: string; systemClockOffset?: number } = {}) =>
    new DynamoDBClient({
      region: 'us-east-1',
      endpoint: server.url,
      credentials: { accessKeyId: extra.accessKeyId ?? 'AKIDLOCAL', secretAccessKey },
      maxAttempts: 1,
      ...(extra.systemClockOffset !== undefined && { systemClockOffset: extra.systemClockOffset }),
    });

  beforeAll(async () => {
    engine = new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new VirtualClock(NOW) });
    const keys = loadSigningKeys(keysFile('[default]\naws_access_key_id = AKIDLOCAL\naws_secret_access_key = s3cr3t\n\n[ci]\naws_access_key_id=AKIDCI\naws_secret_access_key=other\n'));
    server = await startWireServer(engine, { host: '127.0.0.1', port: 0, signingKeys: keys });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers requests signed with a known key, from any profile of the file', async () => {
    const signedNow = { systemClockOffset: NOW - Date.now() };
    await client('s3cr3t', signedNow).send(
      new CreateTableCommand({ TableName: 'signed', BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] }),
    );
    await client('other', { ...signedNow, accessKeyId: 'AKIDCI' }).send(new PutItemCommand({ TableName: 'signed', Item: { id: { S: 'a' } } }));
    expect((await client('s3cr3t', signedNow).send(new ListTablesCommand({}))).TableNames).toEqual(['signed']);
  });

  it('refuses a wrong secret with InvalidSignatureException, and changes nothing', async () => {
    const attempt = client('wrong', { systemClockOffset: NOW - Date.now() }).send(new PutItemCommand({ TableName: 'signed', Item: { id: { S: 'intruder' } } }));
    await expect(attempt).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      message: expect.stringMatching(/^The request signature we calculated does not match the signature you provided/),
    });
    expect(await engine.execute('GetItem', { TableName: 'signed', Key: { id: { S: 'intruder' } } })).toEqual({});
  });

  it('refuses an unknown access key with UnrecognizedClientException', async () => {
    await expect(client('s3cr3t', { accessKeyId: 'AKIDNOBODY', systemClockOffset: NOW - Date.now() }).send(new ListTablesCommand({}))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
  });

  it('refuses signatures dated more than 15 minutes before or after its clock', async () => {
    await expect(client('s3cr3t', { systemClockOffset: NOW - Date.now() - 16 * 60_000 }).send(new ListTablesCommand({}))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      message: expect.stringMatching(/^Signature expired: \d{8}T\d{6}Z is now earlier than 20261204T114500Z \(20261204T120000Z - 15 min\.\)$/),
    });
    await expect(client('s3cr3t', { systemClockOffset: NOW - Date.now() + 16 * 60_000 }).send(new ListTablesCommand({}))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      message: expect.stringMatching(/^Signature not yet current: \d{8}T\d{6}Z is still later than 20261204T121500Z \(20261204T120000Z \+ 15 min\.\)$/),
    });
  });

  it.each([
    [{}, 'MissingAuthenticationTokenException', 'Request is missing Authentication Token'],
    [{ authorization: 'AWS4' }, 'MissingAuthenticationTokenException', 'Request is missing Authentication Token'],
    [
      { authorization: 'AWS4-' },
      'IncompleteSignatureException',
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-",
    ],
    [{ authorization: 'AWS4- Signature=b Credential=a', date: 'a' }, 'IncompleteSignatureException', "Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4- Signature=b Credential=a"],
  ])('answers an unsigned or incomplete request %j with %s', async (headers, type, message) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables', ...headers },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ __type: `com.amazon.coral.service#${type}`, message });
  });
});

describe('loadSigningKeys', () => {
  it('names the file when it holds no complete key pair', () => {
    const file = keysFile('[default]\naws_access_key_id = AKID\n');
    expect(() => loadSigningKeys(file)).toThrow(`${file}: profile [default] needs both aws_access_key_id and aws_secret_access_key`);
    expect(() => loadSigningKeys(keysFile('# nothing\n'))).toThrow(/no profile with aws_access_key_id and aws_secret_access_key/);
    expect(() => loadSigningKeys('/no/such/credentials')).toThrow(/^\/no\/such\/credentials: cannot read the credentials file/);
  });
});

// botocore signs differently from SDK v3 (its own header set, no x-amz-content-sha256): the AWS CLI must pass too.
describe('serve --credentials with the AWS CLI', () => {
  it('answers the CLI signed with the key, and refuses it signed with another secret', async () => {
    const server = await startWireServer(new Engine({ region: 'us-east-1', accountId: '000000000000', clock: new RealClock() }), {
      host: '127.0.0.1',
      port: 0,
      signingKeys: new Map([['AKIDCLI', 'cli-secret']]),
    });
    const aws = (secret: string) =>
      promisify(execFile)('aws', ['dynamodb', 'list-tables', '--endpoint-url', server.url, '--region', 'us-east-1', '--output', 'json'], {
        env: { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDCLI', AWS_SECRET_ACCESS_KEY: secret, AWS_PAGER: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
      });
    try {
      expect(JSON.parse((await aws('cli-secret')).stdout)).toEqual({ TableNames: [] });
      await expect(aws('wrong')).rejects.toMatchObject({ stderr: expect.stringContaining('(InvalidSignatureException)') });
    } finally {
      await server.close();
    }
  });
});
