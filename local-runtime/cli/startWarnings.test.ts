import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { copyFixture } from '../service/fixtures/copyFixture';
import { runCli, waitForOutput, type CliRun as Run } from './testing/runCli';
import { FIXTURE_PLUGINS, FIXTURE_WARNINGS } from '../service/fixtures/notEmulatedFixture';

/** Resolves with stdout once it holds `marker`. */
const waitFor = (run: Run, marker: string): Promise<string> => waitForOutput(run, (text) => text.includes(marker));

const EXTERNAL_QUEUE = 'functions.consume.events[1].sqs: queue arn:aws:sqs:us-east-1:123456789012:elsewhere is not a queue of this service: there is no local queue, so the function never receives its messages';
const ALL_WARNINGS = [...FIXTURE_WARNINGS, EXTERNAL_QUEUE];

describe('tidepool start/invoke: what is not emulated is a warning, what cannot run is exit 2', () => {
  const running: Run[] = [];
  const dirs: string[] = [];
  // One copy for start and invoke: the second run reads osls's resolution from the cache.
  const notEmulated = copyFixture('not-emulated', FIXTURE_PLUGINS);
  afterAll(() => rmSync(notEmulated, { recursive: true, force: true }));
  afterEach(async () => {
    for (const run of running.splice(0)) {
      run.child.kill('SIGINT');
      await run.exited;
    }
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('start lists every warning once in the banner, with the count, and runs the service', async () => {
    const run = runCli(['start', '--port', '0', '--dynamodb-port', '0'], notEmulated);
    running.push(run);

    const banner = await waitFor(run, 'Ctrl-C to stop');

    expect(banner).toContain(`⚠ ${ALL_WARNINGS.length} warnings: not emulated locally`);
    const lines = banner.split('\n').map((line) => line.trim());
    for (const warning of ALL_WARNINGS) expect(lines.filter((line) => line === warning), warning).toHaveLength(1);
    const apiUrl = /HTTP API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)![1]!;
    expect((await fetch(`${apiUrl}/hello`)).status).toBe(200); // the emulated httpApi route still works
  });

  it('invoke prints the warnings on stderr and keeps stdout for the result', async () => {
    const run = runCli(['invoke', 'hello'], notEmulated);
    expect(await run.exited).toBe(0);
    expect(run.stderr()).toContain(`⚠ ${ALL_WARNINGS.length} warnings`);
    expect(run.stderr()).toContain(FIXTURE_WARNINGS[0]);
    expect(JSON.parse(run.stdout())).toEqual({ statusCode: 200, body: expect.stringMatching(/^uploads bucket: not-emulated-dev-uploads-[0-9a-f]{12}$/) });
  });

  it('start refuses a service whose handler file is missing: exit 2, naming the file, the function and the problem', async () => {
    const dir = copyFixture('unrunnable');
    dirs.push(dir);
    const run = runCli(['start', '--port', '0', '--dynamodb-port', '0'], dir);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain(`${join(dir, 'serverless.yml')} cannot be run locally:`);
    expect(run.stderr()).toContain('function worker: handler "src/missing.handler": no file src/missing{.ts,.mts,.js,.mjs,.cjs}');
    expect(run.stdout()).not.toContain('Ctrl-C to stop');
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html — Lambda rejects invalid patterns.
  it('start refuses an sqs filter pattern Lambda would reject: exit 2, naming the file, the function and the event', async () => {
    const dir = copyFixture('bad-filter');
    dirs.push(dir);
    const run = runCli(['start', '--port', '0', '--dynamodb-port', '0'], dir);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain(`${join(dir, 'serverless.yml')} cannot be run locally:`);
    expect(run.stderr()).toMatch(/function worker: events\[0\]\.sqs: filterPatterns: InvalidParameterValueException: .*wildcard/);
  });
});
