import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `import` mode as it runs from Tidepool's compiled package inside a user's own vitest or jest:
 * Node's native `import()` (not vite's), which cannot import `.ts` on Node 20, so tsx loads it.
 * loadHandler is compiled to plain JS here and driven by a plain `node` subprocess.
 */
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./testdata', import.meta.url));
const outDir = join(REPO, '.tidepool', `native-import-test-${process.pid}`);
const compiled = join(outDir, 'loadHandler.mjs');
const compiledCjs = join(outDir, 'importModule.cjs');

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  // Packages stay external and resolve from this repository's node_modules, as from an installed package's.
  await build({ entryPoints: [fileURLToPath(new URL('./loadHandler.ts', import.meta.url))], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: compiled, logLevel: 'silent' });
  // As a CommonJS build would run inside jest: `import.meta.url` defined, code run by `vm` without a dynamic-import hook.
  await build({
    entryPoints: [fileURLToPath(new URL('./importModule.ts', import.meta.url))], bundle: true, platform: 'node', format: 'cjs', packages: 'external',
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(compiledCjs).href) }, outfile: compiledCjs, logLevel: 'silent',
  });
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function runNode(script: string): { code: number | null; stdout: string; stderr: string } {
  const file = join(outDir, `script-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, script);
  const run = spawnSync(process.execPath, [file], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('loadHandler import mode under Node\'s own import()', () => {
  it('imports a TypeScript handler (and what it imports) through tsx, with the environment set at Init', () => {
    const run = runNode(`
      import { loadHandler } from ${JSON.stringify(pathToFileURL(compiled).href)};
      const fixtures = ${JSON.stringify(FIXTURES)};
      const create = await loadHandler(fixtures, 'ts/create.handler', 'import');
      const env = await loadHandler(fixtures, 'env/moduleScope.handler', 'import', {
        init: async (task) => { process.env.TABLE = 'native-table'; try { return await task(); } finally { delete process.env.TABLE; } },
      });
      console.log(JSON.stringify({ create: await create({ name: 'ada' }, {}), env: await env({}, {}) }));
    `);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ create: { greeting: 'hello ada' }, env: { table: 'native-table' } });
  });

  it('classifies native load failures as Lambda does (MODULE_NOT_FOUND, SyntaxError)', () => {
    const run = runNode(`
      import { loadHandler } from ${JSON.stringify(pathToFileURL(compiled).href)};
      const fixtures = ${JSON.stringify(FIXTURES)};
      const types = [];
      for (const handler of ['broken/missingModule.handler', 'broken/syntax.handler']) {
        await loadHandler(fixtures, handler, 'import').catch((e) => types.push(e.payload.errorType + ' | ' + e.payload.errorMessage.split('\\n')[0]));
      }
      console.log(JSON.stringify(types));
    `);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([
      "Runtime.ImportModuleError | Error: Cannot find module 'tidepool-fixture-not-installed'",
      expect.stringMatching(/^Runtime\.UserCodeSyntaxError \| SyntaxError: /),
    ]);
  });

  it('falls back to tsx\'s require where import() is unavailable (code run by vm without a dynamic-import hook, as in jest)', () => {
    const run = runNode(`
      import { readFileSync } from 'node:fs';
      import { createRequire } from 'node:module';
      import vm from 'node:vm';
      const file = ${JSON.stringify(compiledCjs)};
      const module = { exports: {} };
      vm.runInThisContext('(function (exports, require, module) {' + readFileSync(file, 'utf8') + '\\n})', { filename: file })(module.exports, createRequire(file), module);
      const failure = await new vm.Script('import("node:path")').runInThisContext().catch((e) => e.code);
      const loaded = await module.exports.importModule(${JSON.stringify(join(FIXTURES, 'ts/create.ts'))});
      console.log(JSON.stringify({ failure, result: await loaded.handler({ name: 'jest' }) }));
    `);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      failure: 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING',
      result: { greeting: 'hello jest' },
    });
  });
});
