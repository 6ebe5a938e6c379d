import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

/** `tidepool start --watch` as a subprocess, on a tiny service written by the test. */
const BIN = fileURLToPath(new URL('./bin.js', import.meta.url));

describe('tidepool start --watch', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('rebuilds a changed handler and serves the new version; a broken edit keeps the old one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tidepool-watch-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'handlers'));
    const handlerFile = join(dir, 'handlers', 'hello.mjs');
    writeFileSync(
      join(dir, 'serverless.yml'),
      ['service: watched', 'provider: { name: aws, runtime: nodejs22.x }', 'functions:', '  hello:', '    handler: handlers/hello.handler', '    events:', '      - httpApi: GET /hello'].join('\n'),
    );
    writeFileSync(handlerFile, "export const handler = async () => ({ version: 1 });\n");

    const child = spawn(process.execPath, [BIN, 'start', '--port', '0', '--dynamodb-port', '0', '--watch'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    cleanups.push(async () => {
      child.kill('SIGINT');
      await exited;
    });
    let out = '';
    let err = '';
    const waiters: Array<() => void> = [];
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      waiters.splice(0).forEach((wake) => wake());
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      waiters.splice(0).forEach((wake) => wake());
    });
    const until = async (predicate: () => boolean) => {
      while (!predicate()) {
        const ended = await Promise.race([new Promise<false>((resolve) => waiters.push(() => resolve(false))), exited.then(() => true)]);
        if (ended && !predicate()) throw new Error(`tidepool exited early:\n${out}\n${err}`);
      }
    };

    await until(() => out.includes('Ctrl-C to stop'));
    const api = /HTTP API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
    expect(await (await fetch(`${api}/hello`)).json()).toEqual({ version: 1 });

    writeFileSync(handlerFile, "export const handler = async () => ({ version: 2 });\n");
    await until(() => /handlers\/hello\.mjs changed: rebuilt 1 handler\(s\)/.test(out));
    expect(await (await fetch(`${api}/hello`)).json()).toEqual({ version: 2 });

    writeFileSync(handlerFile, 'export const handler = async () => ({ version: ;\n');
    await until(() => err.includes('rebuild failed, previous handlers still running'));
    expect(await (await fetch(`${api}/hello`)).json()).toEqual({ version: 2 });
  });
});
