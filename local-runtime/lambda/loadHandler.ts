import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleHandler } from './bundleHandler';
import { FunctionInitError } from './errors';
import { importModule } from './importModule';
import { promisifyHandler } from './promisifyHandler';
import { resolveHandlerFile } from './resolveHandlerFile';
import { sdkHint } from './sdkHint';
import { runtimeErrorPayload, stackFrames, toErrorPayload } from './toErrorPayload';
import type { LambdaHandler } from './types';

const require = createRequire(import.meta.url);
/** Makes each load of an ES module bundle a new module instance (Node caches by URL). */
let esmGeneration = 0;

export interface LoadHandlerOptions {
  /** Where bundles go (default `<servicePath>/.tidepool/build`). */
  outDir?: string;
  /**
   * Runs the module's evaluation, the function's Init (the runtime sets the function's
   * environment and caller there, so module-scope code sees them as on Lambda). Bundling runs
   * before, outside it.
   */
  init?: <T>(task: () => Promise<T>) => Promise<T>;
  /** The function's Lambda runtime (e.g. `nodejs20.x`), for the hint when `aws-sdk` v2 is missing. */
  runtime?: string;
  /** `bundle` mode: packages not to bundle (serverless-esbuild's `external` + `exclude`), see bundleHandler. */
  external?: string[];
  /** `bundle` mode: a bundle already built (a worker environment loads the one its runtime built). */
  prebuilt?: { file: string; format: 'esm' | 'cjs' };
}

/**
 * Loads a handler by its serverless.yml handler string, as Lambda's Node.js runtime loads it,
 * and reports an Init failure as that runtime does.
 *
 * - `import`: `import()` of the source file (vite under vitest; Node's own `import()` elsewhere,
 *   with tsx's `tsImport` for TypeScript, which Node 20 cannot import). Node caches ES modules,
 *   so a changed file is not reloaded in this mode.
 * - `bundle`: esbuild bundle (as deployed, see bundleHandler) into `<servicePath>/.tidepool/build/`,
 *   loaded fresh at each call, so a rebuild reloads.
 *
 * @example
 * const handler = await loadHandler('/srv/app', 'functions/orders/createOrder.handler', 'bundle');
 * @throws FunctionInitError with Lambda's payload: `Runtime.MalformedHandlerName`,
 * `Runtime.ImportModuleError` (missing file or module), `Runtime.UserCodeSyntaxError`,
 * `Runtime.HandlerNotFound`, or the error the module threw while loading (its own type).
 */
export async function loadHandler(
  servicePath: string,
  handler: string,
  mode: 'import' | 'bundle',
  options: LoadHandlerOptions = {},
): Promise<LambdaHandler> {
  const resolved = resolveHandlerFile(servicePath, handler);
  const bundle = mode === 'bundle'
    ? options.prebuilt ?? await bundleHandler({
        ...resolved,
        handler,
        servicePath,
        outDir: options.outDir ?? join(servicePath, '.tidepool', 'build'),
        ...(options.external !== undefined && { external: options.external }),
      })
    : undefined;
  const init = options.init ?? ((task) => task());
  let moduleExports: unknown;
  try {
    moduleExports = await init(async () => {
      if (bundle === undefined) return importModule(resolved.file);
      if (bundle.format === 'cjs') return requireFresh(bundle.file);
      return import(/* @vite-ignore */ `${pathToFileURL(bundle.file).href}?load=${++esmGeneration}`) as Promise<unknown>;
    });
  } catch (error) {
    throw initError(error, handler, resolved.file, options.runtime);
  }
  const fn = resolveExport(moduleExports, resolved.exportName);
  if (typeof fn !== 'function') {
    // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html (handler naming)
    const message = fn ? `${handler} is not a function` : `${handler} is undefined or not exported`;
    throw new FunctionInitError({
      handler,
      payload: runtimeErrorPayload('Runtime.HandlerNotFound', message),
      hint: `${resolved.file} has no exported function "${resolved.exportName}" (found ${typeof fn})`,
      tried: [resolved.file],
    });
  }
  return promisifyHandler(fn as Parameters<typeof promisifyHandler>[0]);
}

function requireFresh(file: string): unknown {
  delete require.cache[require.resolve(file)];
  return require(file);
}

/**
 * Lambda's lookup (a dotted path walks nested properties), plus the interop bundlers rely on:
 * a name missing from an ES module namespace is looked up on its `default` export (a CommonJS
 * module whose exports Node could not detect statically).
 */
function resolveExport(moduleExports: unknown, exportPath: string): unknown {
  const walk = (root: unknown): unknown =>
    exportPath.split('.').reduce<unknown>((value, key) => (value === null || value === undefined ? undefined : (value as Record<string, unknown>)[key]), root);
  const found = walk(moduleExports);
  if (found !== undefined || typeof moduleExports !== 'object' || moduleExports === null) return found;
  const fallback = (moduleExports as { default?: unknown }).default;
  return typeof fallback === 'object' || typeof fallback === 'function' ? walk(fallback) : undefined;
}

/**
 * The Lambda runtime's classification of a load failure (its `_loadUserApp`): a SyntaxError
 * becomes `Runtime.UserCodeSyntaxError`, a CommonJS `MODULE_NOT_FOUND` becomes
 * `Runtime.ImportModuleError` (both with `String(error)` as message), anything else is reported
 * with its own type and message.
 */
function initError(error: unknown, handler: string, file: string, runtime: string | undefined): FunctionInitError {
  if (error instanceof FunctionInitError) return error;
  const hint = sdkHint(error, runtime);
  const extra = hint === undefined ? {} : { hint: hint.text };
  const note = hint?.inMessage ? `\n${hint.text}` : '';
  if (error instanceof SyntaxError || (error instanceof Error && error.name === 'SyntaxError')) {
    const trace = (error.stack ?? String(error)).split('\n').filter((line) => line.length > 0);
    return new FunctionInitError({ handler, payload: { errorType: 'Runtime.UserCodeSyntaxError', errorMessage: String(error), trace }, ...extra, cause: error });
  }
  if (isViteParseError(error)) {
    // Under vitest, vite parses the module first and throws its own error for invalid syntax.
    return new FunctionInitError({ handler, payload: runtimeErrorPayload('Runtime.UserCodeSyntaxError', `SyntaxError: ${error.message}`, [`    at ${file}`]), ...extra, cause: error });
  }
  if (error instanceof Error && (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') {
    return new FunctionInitError({ handler, payload: runtimeErrorPayload('Runtime.ImportModuleError', String(error) + note, stackFrames(error)), ...extra, cause: error });
  }
  const payload = toErrorPayload(error);
  return new FunctionInitError({ handler, payload: { ...payload, errorMessage: payload.errorMessage + note }, ...extra, cause: error });
}


function isViteParseError(error: unknown): error is Error {
  return error instanceof Error && error.message.startsWith('Failed to parse source for import analysis');
}
