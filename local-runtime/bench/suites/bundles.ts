import { build, type Metafile } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { loadService } from '../../service/loadService';
import { LAMBDA_BUNDLE_OPTIONS } from '../lambdaBundleOptions';
import type { BenchRow, BenchSuite } from '../types';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** The issue's target for one function's minified bundle, the AWS SDK excluded. */
const TARGET_KB = 50;

/** The package (or repository folder) an esbuild input belongs to. */
const ownerOf = (input: string): string => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.split('/').slice(0, 2).join('/');

/**
 * Each function's handler bundled the way serverless-esbuild packages it (custom.esbuild in
 * serverless.yml: bundle, minify, cjs, node22, `@aws-sdk/*` external), without the source map.
 * The note names the three biggest contributors, so a regression points at its cause.
 */
async function bundle(handler: string): Promise<{ bytes: number; top: string }> {
  const entry = `${handler.slice(0, handler.lastIndexOf('.'))}.ts`;
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    ...LAMBDA_BUNDLE_OPTIONS,
    metafile: true,
  });
  const output = Object.values((result.metafile as Metafile).outputs)[0];
  const owners = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) owners.set(ownerOf(input), (owners.get(ownerOf(input)) ?? 0) + bytesInOutput);
  const top = [...owners]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([owner, bytes]) => `${owner} ${(bytes / 1024).toFixed(0)}`)
    .join(', ');
  return { bytes: result.outputFiles.reduce((sum, file) => sum + file.contents.byteLength, 0), top };
}

const suite: BenchSuite = {
  name: `function bundles (minified, @aws-sdk/* external; target ≤ ${TARGET_KB} KB)`,
  async run() {
    const service = await loadService({ servicePath: root, stage: 'dev' });
    const rows: BenchRow[] = [];
    for (const fn of Object.values(service.functions)) {
      const { bytes, top } = await bundle(fn.handler);
      const kb = bytes / 1024;
      rows.push({ name: fn.key, value: kb, unit: 'KB', note: `${kb <= TARGET_KB ? 'ok' : 'OVER'} · ${top} KB` });
    }
    return rows;
  },
};
export default suite;
