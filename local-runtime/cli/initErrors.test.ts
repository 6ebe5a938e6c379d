import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `tidepool invoke` (and `start`, which prints the same lines) on a service where one handler
 * cannot load: the others still run, the failing one is listed once at start, and invoking it
 * answers Lambda's Init error (https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-deployment.html).
 */
const BIN = fileURLToPath(new URL('./bin.js', import.meta.url));
const service = mkdtempSync(join(tmpdir(), 'tidepool-init-errors-'));
afterAll(() => rmSync(service, { recursive: true, force: true }));
writeFileSync(join(service, 'serverless.yml'), `service: initerrors
provider:
  name: aws
  runtime: nodejs20.x
  region: eu-west-1
  environment:
    TABLE: orders
functions:
  works:
    handler: works.handler
    events:
      - httpApi: GET /works
  broken:
    handler: broken.handler
`);
writeFileSync(join(service, 'works.js'), `const table = process.env.TABLE;\nexports.handler = async () => ({ table });\n`);
writeFileSync(join(service, 'broken.js'), `const AWS = require('aws-sdk');\nexports.handler = async () => new AWS.S3();\n`);

function invoke(functionKey: string) {
  const run = spawnSync(process.execPath, [BIN, 'invoke', functionKey], { cwd: service, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('init errors in the CLI', () => {
  it('runs the other functions and lists the failing one, one line, with its error and what to do', () => {
    const run = invoke('works');

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ table: 'orders' });
    const lines = run.stderr.split('\n').filter((line) => line.includes('✗'));
    expect(lines).toEqual([
      expect.stringMatching(/^ {2}✗ broken \(broken\.handler\): Runtime\.ImportModuleError: Error: Cannot find module 'aws-sdk' · .*aws-sdk \(AWS SDK for JavaScript v2\) is not part of the Lambda nodejs18\.x and later runtimes/),
    ]);
  });

  it('answers an invocation of the failing function with the Init error payload (exit 1)', () => {
    const run = invoke('broken');

    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: expect.stringMatching(/^Error: Cannot find module 'aws-sdk'\nRequire stack:\n- /),
    });
  });

  it('start lists the failing function once at start and keeps serving the others', async () => {
    const child = spawn(process.execPath, [BIN, 'start', '--port', '0', '--dynamodb-port', '0'], { cwd: service, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const listed = new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (stdout.includes('Ctrl-C to stop') && stderr.includes('✗ broken')) resolve();
      };
      child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); check(); });
      child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); check(); });
      void exited.then((code) => reject(new Error(`start exited (${code}) early:\n${stdout}\n${stderr}`)));
    });
    let answer: unknown;
    try {
      await listed;
      const apiUrl = /HTTP API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)![1]!;
      answer = await (await fetch(`${apiUrl}/works`)).json();
    } finally {
      child.kill('SIGINT');
      await exited;
    }
    expect(answer).toEqual({ table: 'orders' });
    expect(stderr).toContain('1 function failed to initialise');
    expect(stderr.split('\n').filter((line) => line.includes('✗'))).toEqual([expect.stringMatching(/✗ broken \(broken\.handler\): Runtime\.ImportModuleError: Error: Cannot find module 'aws-sdk'/)]);
  });
});
