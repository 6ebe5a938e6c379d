/**
 * Builds the npm package's dist/ from the sources (run by `npm run build`, which `prepack` runs):
 *
 * - dist/index.js + dist/cli.js (+ shared chunks): ESM bundles of local-runtime/index.ts and the CLI;
 * - dist/runtime.cjs: the CommonJS bundle of local-runtime/index.ts;
 * - dist/plugin.cjs + dist/plugin-commands.json: the Serverless Framework plugin and its commands;
 * - dist/index.cjs: what `require('tidepool')` returns: the plugin class (what osls's plugin
 *   loader wants) carrying the runtime's exports, loaded on first use;
 * - dist/index.d.ts + dist/index.d.cts: the runtime's types, one bundled file per entry format;
 * - dist/preload/: the plain-JS assets of local-runtime/preload/ (found with assetPath());
 * - dist/lib/: the framework for handlers (`tidepool/lib/http/httpRoute`, …): one ES module per
 *   source module of lib/ and its declarations (tsconfig.lib.json).
 *
 * Every package is kept external; the build fails when a bundle imports one that is not in
 * package.json `dependencies`.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { checkExternals } from './checkExternals';
import { cjsEntrySource } from './cjsEntrySource';
import { bundleTypes } from './bundleTypes';
import { addJsExtensions } from './libDeclarations';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = join(root, 'dist');
const preload = join(root, 'local-runtime', 'preload');

/** Packages the runtime finds with require.resolve (no import the bundler sees): osls runs `sls print`. */
const RESOLVED_BY_PATH = ['osls'];

const common: BuildOptions = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
};

/**
 * Dependencies published only as ES modules: the CommonJS bundles inline them, because a test
 * runner with its own module system (jest before Node 24.9) cannot `require()` an ES module.
 */
const INLINED_IN_CJS = ['jose'];

/** Every package, except those inlined, stays external in the CommonJS bundles too. */
function cjsExternals(): string[] {
  const { dependencies = {}, devDependencies = {} } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  return Object.keys({ ...dependencies, ...devDependencies })
    .filter((name) => !INLINED_IN_CJS.includes(name))
    .flatMap((name) => [name, `${name}/*`]);
}

/** CommonJS has no import.meta: one shim gives every module of a CJS bundle the bundle's own URL. */
const cjs: BuildOptions = {
  ...common,
  packages: undefined,
  external: cjsExternals(),
  format: 'cjs',
  define: { 'import.meta.url': '__tidepoolImportMetaUrl' },
  banner: { js: '"use strict";\nconst __tidepoolImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
};

/** The plugin loads the CLI only when a `sls tidepool …` command runs: dist/cli.js, never inlined. */
const cliOutsidePlugin: Plugin = {
  name: 'cli-outside-plugin',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\.\/cli\/main$/ }, () => ({ path: './cli.js', external: true }));
  },
};

export async function buildPackage(): Promise<void> {
  const started = Date.now();
  rmSync(dist, { recursive: true, force: true });
  const libTypes = promisify(execFile)(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.lib.json'], { cwd: root });
  const [esm, runtimeCjs, pluginCjs, libEsm] = await Promise.all([
    build({
      ...common,
      format: 'esm',
      splitting: true,
      // environmentWorker: the code of each worker execution environment (a thread loads it by path).
      entryPoints: { index: 'local-runtime/index.ts', cli: 'local-runtime/cli/main.ts', environmentWorker: 'local-runtime/lambda/environmentWorker.ts' },
      outdir: dist,
      chunkNames: 'chunks/[name]-[hash]',
    }),
    build({ ...cjs, entryPoints: ['local-runtime/index.ts'], outfile: join(dist, 'runtime.cjs') }),
    build({ ...cjs, entryPoints: ['local-runtime/plugin/TidepoolPlugin.ts'], outfile: join(dist, 'plugin.cjs'), plugins: [cliOutsidePlugin] }),
    build({ ...common, format: 'esm', splitting: true, entryPoints: libModules(), outbase: 'lib', outdir: join(dist, 'lib'), chunkNames: '_chunks/[name]-[hash]' }),
  ]);
  const metafiles = [esm, runtimeCjs, pluginCjs, libEsm].map(({ metafile }) => {
    if (metafile === undefined) throw new Error('build: esbuild returned no metafile');
    return metafile;
  });
  checkExternals(metafiles, join(root, 'package.json'), RESOLVED_BY_PATH);

  writeFileSync(join(dist, 'index.cjs'), cjsEntrySource(exportsOf(metafiles[0]!, 'dist/index.js')));
  await writePluginCommands();
  copyPreloadAssets();
  const types = bundleTypes(join(root, 'local-runtime', 'index.ts'), join(root, 'tsconfig.json'));
  writeFileSync(join(dist, 'index.d.ts'), types);
  writeFileSync(join(dist, 'index.d.cts'), types);
  await libTypes;
  addJsExtensions(join(dist, 'lib'));
  console.log(`tidepool: built dist/ in ${Date.now() - started} ms`);
}

function exportsOf(metafile: Metafile, output: string): string[] {
  const found = metafile.outputs[output];
  if (found === undefined) throw new Error(`build: esbuild wrote no ${output} (outputs: ${Object.keys(metafile.outputs).join(', ')})`);
  return found.exports;
}

async function writePluginCommands(): Promise<void> {
  const [{ program }, { oslsCommands }, { COMMAND_TABLE_FILE }] = await Promise.all([
    import('../cli/main'),
    import('../plugin/oslsCommands'),
    import('../plugin/TidepoolPlugin'),
  ]);
  writeFileSync(join(dist, COMMAND_TABLE_FILE), `${JSON.stringify(oslsCommands(program()), null, 2)}\n`);
}

/** Every source module of lib/ (tests excluded), relative to the repository. */
function libModules(dir = join(root, 'lib')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return libModules(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [relative(root, path)] : [];
  });
}

function copyPreloadAssets(): void {
  mkdirSync(join(dist, 'preload'), { recursive: true });
  for (const name of readdirSync(preload)) {
    if ((name.endsWith('.cjs') || name.endsWith('.d.cts')) && !name.includes('.test.')) cpSync(join(preload, name), join(dist, 'preload', name));
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await buildPackage();
