import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `tidepool filters check` as a subprocess. Lambda rejects invalid filter criteria with
 * InvalidParameterValueException when the mapping is created
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html); the check finds them before a deploy.
 */
const BIN = fileURLToPath(new URL('./bin.js', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function check(cwd: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, 'filters', 'check', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('tidepool filters check', () => {
  it("passes the reference service's patterns", () => {
    const run = check(REPO);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✓ onOrderPlaced  events[0].stream.filterPatterns  1 pattern');
  });

  it('rejects an invalid pattern with InvalidParameterValueException, naming function and event (exit 1)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tidepool-filters-'));
    dirs.push(dir);
    writeFileSync(
      join(dir, 'serverless.yml'),
      [
        'service: filters',
        'provider: { name: aws, runtime: nodejs22.x }',
        'functions:',
        '  consumer:',
        '    handler: consumer.handler',
        '    events:',
        '      - stream:',
        '          arn: arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2024-01-01T00:00:00.000',
        '          filterPatterns:',
        '            - eventName: INSERT',
      ].join('\n'),
    );

    const run = check(dir, '--json');

    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual([
      {
        function: 'consumer',
        event: 'events[0].stream.filterPatterns',
        patterns: 1,
        valid: false,
        error: { type: 'InvalidParameterValueException', message: expect.stringContaining('eventName') },
      },
    ]);
  });
});
