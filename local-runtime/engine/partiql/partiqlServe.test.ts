import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { BatchExecuteStatementCommand, CreateTableCommand, DynamoDBClient, ExecuteStatementCommand, ExecuteTransactionCommand } from '@aws-sdk/client-dynamodb';
import type { ChildProcess } from 'node:child_process';

const BIN = fileURLToPath(new URL('../../cli/bin.js', import.meta.url));
const execute = promisify(execFile);

function hasAwsCli(): boolean {
  try {
    execFileSync('aws', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** `tidepool serve --port 0 --data-dir dir` and the URL it prints. */
function serve(dataDir: string): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (match) resolve(match[0]);
    });
    child.once('exit', () => reject(new Error(`serve exited before printing its URL:\n${out}`)));
  });
  return { child, url };
}

// https://docs.aws.amazon.com/cli/latest/reference/dynamodb/execute-statement.html
describe('PartiQL against tidepool serve', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('answers SDK v3 and the AWS CLI, and its writes survive a restart of a --data-dir server', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tidepool-partiql-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const first = serve(dataDir);
    cleanups.push(() => first.child.kill('SIGKILL'));
    const url = await first.url;
    const client = new DynamoDBClient({ region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    cleanups.push(() => client.destroy());
    await client.send(
      new CreateTableCommand({ TableName: 'Music', BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'Artist', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'Artist', KeyType: 'HASH' }] }),
    );
    await client.send(new ExecuteStatementCommand({ Statement: `INSERT INTO Music VALUE {'Artist': ?, 'Awards': 1}`, Parameters: [{ S: 'Acme Band' }] }));
    await client.send(new BatchExecuteStatementCommand({ Statements: [{ Statement: `INSERT INTO Music VALUE {'Artist': 'B'}` }, { Statement: `INSERT INTO Music VALUE {'Artist': 'C'}` }] }));
    await client.send(new ExecuteTransactionCommand({ TransactStatements: [{ Statement: `UPDATE Music SET Awards = Awards + 1 WHERE Artist = 'Acme Band'` }, { Statement: `DELETE FROM Music WHERE Artist = 'C'` }] }));

    if (hasAwsCli()) {
      const env = { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_PAGER: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
      const cli = (...args: string[]) => execute('aws', ['dynamodb', 'execute-statement', ...args, '--endpoint-url', url, '--region', 'us-east-1', '--output', 'json'], { env });
      const { stdout } = await cli('--statement', `SELECT Awards FROM Music WHERE Artist = 'Acme Band'`);
      expect(JSON.parse(stdout)).toEqual({ Items: [{ Awards: { N: '2' } }] });
      await expect(cli('--statement', `INSERT INTO Music VALUE {'Artist': 'B'}`)).rejects.toMatchObject({ stderr: expect.stringContaining('DuplicateItemException') });
      await expect(cli('--statement', `SELEC * FROM Music`)).rejects.toMatchObject({ stderr: expect.stringContaining("Statement wasn't well formed") });
    }

    first.child.kill('SIGKILL');
    const second = serve(dataDir);
    cleanups.push(() => second.child.kill('SIGKILL'));
    const again = new DynamoDBClient({ region: 'us-east-1', endpoint: await second.url, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    cleanups.push(() => again.destroy());
    const out = await again.send(new ExecuteStatementCommand({ Statement: `SELECT Artist, Awards FROM Music` }));
    expect(out.Items?.map((item) => [item.Artist?.S, item.Awards?.N]).sort()).toEqual([
      ['Acme Band', '2'],
      ['B', undefined],
    ]);
  }, 60_000);
});
