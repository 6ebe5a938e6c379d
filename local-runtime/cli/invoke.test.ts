import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** `tidepool invoke` as a subprocess of the real CLI. */
const BIN = fileURLToPath(new URL('./bin.js', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));

function invoke(args: string[], input?: string) {
  const run = spawnSync(process.execPath, [BIN, 'invoke', ...args], {
    cwd: REPO,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', AWS_LAMBDA_LOG_LEVEL: 'INFO' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('tidepool invoke', () => {
  it('runs a handler with an event file and prints its result on stdout, logs and duration on stderr', () => {
    const run = invoke(['putProduct', '--event', 'events/http/put-product.json']);

    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ sku: 'SKU-RED-MUG', priceCents: 1250, stock: 40, version: 1 });
    expect(run.stderr).toMatch(/putProduct · success · [\d.]+ ms · request [0-9a-f-]{36}/);
  });

  it('reads the event from standard input and prints one JSON document with --json', () => {
    const run = invoke(['onOrderPlaced', '--event', '-', '--json'], '{"Records":[]}');

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      function: 'onOrderPlaced',
      functionName: 'tidepool-dev-onOrderPlaced',
      outcome: 'success',
      result: { batchItemFailures: [] },
    });
  });

  it('exits 1 and prints the error as Lambda reports it when the handler fails', () => {
    // An event without Records is not a stream batch: the TTL fan-out throws before sending anything.
    const run = invoke(['expireHolds', '--event', '-'], '{}');

    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ errorType: expect.any(String), errorMessage: expect.any(String) });
  });

  it('names the known functions when the function does not exist (exit 2)', () => {
    const run = invoke(['nope']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no function "nope" in serverless.yml');
    expect(run.stderr).toContain('putProduct, createOrder, getOrder, listOrders, cancelOrder, onOrderPlaced');
  });

  it('reports an event file that is not JSON, naming the file (exit 2)', () => {
    const run = invoke(['createOrder', '--event', 'README.md']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the event in README.md is not valid JSON');
  });
});
