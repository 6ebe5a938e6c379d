import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './testing/runCli';

/** `tidepool` run as a user runs it, in copies of the service fixtures (local-runtime/service/fixtures). */
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'tidepool-cli-svc-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function fixture(name: string): string {
  const dir = join(scratch, name);
  cpSync(join(REPO, 'local-runtime/service/fixtures', name), dir, { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

describe('tidepool on services written for other framework versions', () => {
  it('start names the framework and prints every tolerated problem under the banner', async () => {
    const start = runCli(['start', '--port', '0', '--dynamodb-port', '0'], fixture('tolerant'));
    const banner = await new Promise<string>((resolve, reject) => {
      const check = () => start.stdout().includes('Ctrl-C to stop') && resolve(start.stdout());
      start.child.stdout!.on('data', check);
      void start.exited.then((code) => reject(new Error(`exited ${code}:\n${start.stdout()}\n${start.stderr()}`)));
    });
    start.child.kill('SIGINT');
    await start.exited;
    expect(banner).toContain('tidepool · tolerant · stage dev · eu-west-1 · resolved with osls 4.3.1\n');
    expect(banner).toContain('  ⚠ serverless.yml: frameworkVersion "2" is ignored locally (resolved with osls)\n');
    expect(banner).toContain("  ⚠ serverless.yml: at 'provider': unrecognized property 'lambdaHashingVersion' (configuration schema: a warning for a local run)\n");
    expect(banner).toContain('  ⚠ plugin "serverless-plugin-not-installed-anywhere" is listed in plugins but not installed');
  });

  it('invoke stops with exit 2 when a variable has no local value, saying what to add where', async () => {
    const dir = fixture('missing-value');
    const invoke = runCli(['invoke', 'hello'], dir);
    expect(await invoke.exited).toBe(2);
    expect(invoke.stderr()).toContain(`tidepool: ${join(dir, 'serverless.yml')}: osls 4.3.1 could not resolve the service`);
    expect(invoke.stderr()).toContain(`give them values in ${join(dir, 'tidepool.values.yml')}:\nssm:\n  /missing-value/api-url: <value>`);
  });
});
