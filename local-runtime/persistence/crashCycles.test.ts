import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRASH_AT_ENV } from './openDataDir';

/**
 * kill -9 during writes, during start (compaction at every start) and at each compaction step, over many cycles:
 * every acknowledged write is present, no transaction is half-applied, and token replays are never applied twice.
 * The child is bundled once with esbuild so that each cycle starts in a fraction of a second.
 */
const CHILD = fileURLToPath(new URL('./testing/crashChild.ts', import.meta.url));
const POINTS = ['compaction-writing', 'compaction-before-rename', 'compaction-after-rename', 'compaction-before-cleanup'];

interface State {
  ids: string[];
  counter: number;
  before: number;
  warnings: string[];
}

describe('data directory under kill -9', () => {
  let work: string;
  let child: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'tidepool-crash-'));
    child = join(work, 'child.mjs');
    await build({ entryPoints: [CHILD], bundle: true, platform: 'node', format: 'esm', outfile: child, logLevel: 'silent', banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** One cycle: start the child, let it reach `until`, kill -9 it. Resolves with what it printed. */
  function cycle(n: number, tokens: string[], until: (lines: Record<string, unknown>[], spawnedAt: number) => boolean, env: Record<string, string> = {}) {
    const tokensFile = join(work, 'tokens.json');
    writeFileSync(tokensFile, JSON.stringify(tokens));
    const proc = spawn(process.execPath, [child, join(work, 'data'), tokensFile, String(n)], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const lines: Record<string, unknown>[] = [];
    let buffer = '';
    let stderr = '';
    const spawnedAt = performance.now();
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const part of parts) lines.push(JSON.parse(part) as Record<string, unknown>);
      if (until(lines, spawnedAt)) proc.kill('SIGKILL');
    });
    return new Promise<{ lines: Record<string, unknown>[]; stderr: string; signal: NodeJS.Signals | null }>((resolve) => {
      proc.once('exit', (_code, signal) => resolve({ lines, stderr, signal }));
    });
  }

  it('keeps every acknowledged write through 20 kill -9 cycles (writes, start, each compaction step)', async () => {
    const acked = new Set<string>();
    const sent = new Set<string>();
    const ackedTokens: string[] = [];
    let ackedIncs = 0;
    let sentIncs = 0;
    let startMs = 300;
    let seed = 42;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    let checked = 0;
    let crashes = 0;
    for (let n = 0; n < 20; n++) {
      const mode = n % 4;
      const killAfterAcks = 1 + random(16);
      const killAtMs = random(Math.ceil(startMs));
      const env: Record<string, string> = mode === 1 ? { [CRASH_AT_ENV]: POINTS[(n >> 2) % POINTS.length]! } : {};
      const result = await cycle(n, [...ackedTokens], (lines, spawnedAt) => {
        if (mode === 3 && performance.now() - spawnedAt >= killAtMs) return true;
        return lines.filter((l) => 'put' in l || 'inc' in l).length >= killAfterAcks;
      }, env);
      expect(result.signal, result.stderr).toBe('SIGKILL');
      if (result.lines.some((l) => 'crash' in l)) crashes += 1;
      const state = result.lines.find((l) => 'state' in l)?.['state'] as State | undefined;
      if (state) {
        checked += 1;
        const ids = new Set(state.ids);
        for (const id of acked) expect(ids.has(id), `cycle ${n}: acknowledged ${id} lost`).toBe(true);
        for (const id of ids) if (!id.startsWith('tx-') && id !== 'counter') expect(sent.has(id), `cycle ${n}: ${id} never sent`).toBe(true);
        expect(state.before).toBeGreaterThanOrEqual(ackedIncs);
        expect(state.before).toBeLessThanOrEqual(sentIncs);
        // Re-sending every acknowledged token changed nothing, and each increment came with its marker (not half-applied).
        expect(state.counter, `cycle ${n}: a replayed token was applied again`).toBe(state.before);
        expect(state.ids.filter((id) => id.startsWith('tx-')).length).toBe(state.counter);
        ackedIncs = state.counter;
        sentIncs = state.counter;
      }
      for (const line of result.lines) {
        const s = line['sent'] as { id: string; token: string } | undefined;
        if (s) {
          sent.add(s.id);
          sentIncs += 1;
        }
        if (typeof line['put'] === 'string') acked.add(line['put']);
        if (typeof line['inc'] === 'string') {
          ackedIncs += 1;
          ackedTokens.push(line['inc']);
        }
      }
      if (state && mode !== 3) startMs = (startMs + 400) / 2;
    }
    expect(checked).toBeGreaterThanOrEqual(10);
    expect(crashes, 'cycles that died at a compaction step').toBeGreaterThanOrEqual(4);
    expect(acked.size).toBeGreaterThan(10);
  }, 60_000);
});
