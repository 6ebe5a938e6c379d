import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { LAMBDA_BUNDLE_OPTIONS } from '../lambdaBundleOptions';
import type { BenchRow, BenchSuite } from '../types';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** What each lib module exposes to a handler: a tiny entry importing it. */
const modules: Record<string, string[]> = {
  'lib/aws (all client factories)': ['lib/aws/documentClient', 'lib/aws/sqsClient', 'lib/aws/snsClient', 'lib/aws/eventBridgeClient'],
  'lib/observability': ['lib/observability/logger'],
  'lib/repository': ['lib/repository/Repository', 'lib/repository/Transaction', 'lib/repository/defineEntity', 'lib/repository/expiresAt'],
  'lib/http': ['lib/http/httpRoute', 'lib/http/responses', 'lib/http/errors'],
  'lib/streams': ['lib/streams/streamHandler'],
  'lib/ttl': ['lib/ttl/ttlFanOut', 'lib/ttl/eventBridgeTarget', 'lib/ttl/sqsTarget', 'lib/ttl/snsTarget'],
  'lib/saga': ['lib/saga/sagaRunner', 'lib/saga/defineSaga'],
};

/** Minified CJS bundle size (bytes) of an entry importing `paths`, as serverless-esbuild would build it (node22, @aws-sdk/* external). */
async function bundleSize(paths: string[]): Promise<number> {
  const contents = paths.map((p, i) => `export * as m${i} from './${p}';`).join('\n');
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'entry.ts' },
    ...LAMBDA_BUNDLE_OPTIONS,
  });
  return result.outputFiles.reduce((sum, file) => sum + file.contents.byteLength, 0);
}

/**
 * The size each lib module adds to a minified Lambda bundle (everything it pulls in except the
 * AWS SDK, which the Node.js 22 runtime provides). Modules share dependencies (valibot, Powertools),
 * so the sizes do not add up; the last row is all of lib together.
 */
const suite: BenchSuite = {
  name: 'lib bundle size (esbuild, minified, cjs, node22, @aws-sdk/* external)',
  async run() {
    const rows: BenchRow[] = [];
    for (const [name, paths] of Object.entries(modules)) rows.push({ name, value: (await bundleSize(paths)) / 1024, unit: 'KB' });
    rows.push({ name: 'all of lib', value: (await bundleSize(Object.values(modules).flat())) / 1024, unit: 'KB' });
    return rows;
  },
};
export default suite;
