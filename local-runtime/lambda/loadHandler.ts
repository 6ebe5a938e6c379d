import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleHandler } from './bundleHandler';
import { LambdaError } from './errors';
import { promisifyHandler } from './promisifyHandler';
import { resolveHandlerFile } from './resolveHandlerFile';
import type { LambdaHandler } from './types';

const require = createRequire(import.meta.url);

/**
 * Loads a handler by its serverless.yml handler string.
 *
 * - `import`: dynamic `import()` of the source file (works under vitest and tsx for `.ts`).
 *   Node caches ES modules, so a changed file is not reloaded in this mode.
 * - `bundle`: esbuild bundle (as deployed) into `<servicePath>/.tidepool/build/`, loaded with
 *   `require` after clearing it from the require cache, so a rebuild reloads.
 *
 * @example
 * const handler = await loadHandler('/srv/app', 'functions/orders/createOrder.handler', 'bundle');
 * @throws LambdaError when the file or the export is missing or the build fails.
 */
export async function loadHandler(
  servicePath: string,
  handler: string,
  mode: 'import' | 'bundle',
  options: { outDir?: string } = {},
): Promise<LambdaHandler> {
  const resolved = resolveHandlerFile(servicePath, handler);
  const moduleExports = mode === 'bundle'
    ? requireFresh(await bundleHandler({
        ...resolved,
        handler,
        outDir: options.outDir ?? join(servicePath, '.tidepool', 'build'),
      }))
    : await import(/* @vite-ignore */ pathToFileURL(resolved.file).href) as Record<string, unknown>;
  const fn = pickExport(moduleExports, resolved.exportName);
  if (typeof fn !== 'function') {
    throw new LambdaError(
      'lambda.handler.exportNotFound',
      `Handler "${handler}": ${resolved.file} has no exported function "${resolved.exportName}" (found ${typeof fn}).`,
      { handler, tried: [resolved.file] },
    );
  }
  return promisifyHandler(fn as Parameters<typeof promisifyHandler>[0]);
}

function requireFresh(file: string): Record<string, unknown> {
  delete require.cache[require.resolve(file)];
  return require(file) as Record<string, unknown>;
}

/** Named export, or the same name on a CJS default export (interop). */
function pickExport(moduleExports: Record<string, unknown>, name: string): unknown {
  if (name in moduleExports) return moduleExports[name];
  const fallback = moduleExports.default;
  if (typeof fallback === 'object' && fallback !== null) return (fallback as Record<string, unknown>)[name];
  return undefined;
}
