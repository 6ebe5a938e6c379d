import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { mintDevToken } from '../auth/mintDevToken';
import { runCli, waitForOutput, type CliRun as Run } from './testing/runCli';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

describe('tidepool start', () => {
  const running: Run[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const run of running.splice(0)) {
      run.child.kill('SIGINT');
      await run.exited;
    }
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the HTTP API and the DynamoDB endpoint, logs one line per invocation, and stops cleanly on SIGINT', async () => {
    const run = runCli(['start', '--port', '0', '--dynamodb-port', '0'], REPO);
    running.push(run);
    const banner = await waitForOutput(run, (text) => text.includes('Ctrl-C to stop'));
    const apiUrl = /HTTP API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)![1]!;
    const dynamodbUrl = /DynamoDB\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)![1]!;
    expect(banner).toMatch(/POST\s+\S+\/orders\s+→ createOrder/);

    const admin = { authorization: `Bearer ${await mintDevToken({ sub: 'ops-1', scopes: ['tidepool/admin'], servicePath: REPO })}` };
    const product = await fetch(`${apiUrl}/admin/products/SKU-1`, { method: 'PUT', headers: admin, body: JSON.stringify({ name: 'Mug', priceCents: 500, stock: 3 }) });
    expect(product.status).toBe(200);
    const customer = { authorization: `Bearer ${await mintDevToken({ sub: 'c-1', servicePath: REPO })}` };
    const created = await fetch(`${apiUrl}/orders`, { method: 'POST', headers: customer, body: JSON.stringify({ lines: [{ sku: 'SKU-1', quantity: 1 }] }) });
    expect(created.status).toBe(201);
    const log = await waitForOutput(run, (text) => /publishOrderEvents\s+stream tidepool-dev-orders \(1 record\)\s+\d+ ms\s+ok[\s\S]*publishOrderEvents/.test(text));
    expect(log).toMatch(/createOrder\s+httpApi POST \/orders\s+\d+ ms\s+ok 201/);
    expect(log).toMatch(/onOrderPlaced\s+stream tidepool-dev-orders \(1 record\)\s+\d+ ms\s+ok/);
    expect(log).toMatch(/runSagas\s+stream tidepool-dev-orders/);

    const tables = await fetch(dynamodbUrl, {
      method: 'POST',
      headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables', 'content-type': 'application/x-amz-json-1.0' },
      body: '{}',
    });
    expect(await tables.json()).toEqual({ TableNames: ['tidepool-dev-orders'] });

    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    running.pop();
  });

  it('refuses a serverless.yml it cannot run, naming the function and the problem (exit code 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tidepool-start-'));
    dirs.push(dir);
    writeFileSync(
      join(dir, 'serverless.yml'),
      [
        'service: broken',
        'provider: { name: aws, runtime: nodejs22.x }',
        'functions:',
        '  consumer:',
        '    handler: handlers/consumer.handler',
        '    events:',
        '      - stream: { type: dynamodb, arn: { "Fn::GetAtt": [MissingTable, StreamArn] } }',
      ].join('\n'),
    );

    const run = runCli(['start', '--port', '0', '--dynamodb-port', '0'], dir);
    const code = await run.exited;

    expect(code).toBe(2);
    expect(run.stderr()).toMatch(/function consumer: .*MissingTable/);
    expect(run.stderr()).toMatch(/function consumer: .*handlers\/consumer/);
  });

  it('rejects a bad option with exit code 2 and says which option', async () => {
    const run = runCli(['start', '--port', 'abc'], REPO);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain("'-p, --port <port>' argument 'abc' is invalid");
  });
});
