import { createRequire } from 'node:module';
import { extname, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Message, type Plugin } from 'esbuild';
import { FunctionInitError } from './errors';
import { moduleFormatOf } from './moduleFormatOf';
import { runtimeErrorPayload, toErrorPayload } from './toErrorPayload';

const tidepoolRequire = createRequire(import.meta.url);

/** AWS SDK packages: never bundled (Lambda's runtime provides v3; v2 comes from the service). */
const AWS_SDK = /^(aws-sdk|@aws-sdk\/[^/]+)(\/.*)?$/;

/**
 * In an ES module bundle, `require` (used by bundled CommonJS code for Node built-ins) is made
 * from `import.meta.url`, as serverless-esbuild users do with a banner. esbuild renames a
 * handler's own top-level `require`, so this cannot clash.
 */
const ESM_REQUIRE_BANNER = "import { createRequire as __tidepoolCreateRequire } from 'node:module'; const require = __tidepoolCreateRequire(import.meta.url);";

export interface BundledHandler {
  /** The bundle: `<outDir>/<name>.cjs`, or `.mjs` for an ES module. */
  file: string;
  format: 'esm' | 'cjs';
}

/**
 * Builds a handler file the way serverless-esbuild deploys it: bundled by esbuild for Node,
 * packages resolved from the handler's own folder upwards (the service's node_modules), the AWS
 * SDK left external. The output is CommonJS, or an ES module (see bundleFormatOf). An external `@aws-sdk/*`
 * package the service does not install comes from Tidepool's own copy (Lambda's nodejs18.x and
 * later runtimes provide SDK v3); `aws-sdk` (v2) only from the service. Target is node20 (the
 * local Node), a deviation from the deployed nodejs22.x.
 *
 * @throws FunctionInitError `Runtime.ImportModuleError` for an import that cannot be resolved,
 * `Runtime.UserCodeSyntaxError` for any other build error, both naming file, line and column.
 */
export async function bundleHandler(options: {
  file: string;
  handler: string;
  modulePath: string;
  outDir: string;
  /** Folder esbuild's messages are relative to (default: the current directory). */
  servicePath?: string;
  /**
   * Packages left out of the bundle and loaded from the service's node_modules at run time:
   * serverless-esbuild's `custom.esbuild.external` and `exclude` (esbuild patterns, `*` allowed).
   */
  external?: string[];
}): Promise<BundledHandler> {
  const name = options.modulePath.replace(/[\\/]+/g, '-').replace(/^[-.]+/, '');
  const workingDir = options.servicePath ?? process.cwd();
  const attempt = async (format: 'esm' | 'cjs'): Promise<BundledHandler & { needsEsm: boolean }> => {
    const outfile = join(options.outDir, `${name}.${format === 'esm' ? 'mjs' : 'cjs'}`);
    const result = await build({
      entryPoints: [options.file],
      absWorkingDir: workingDir,
      bundle: true,
      platform: 'node',
      format,
      target: 'node20',
      sourcemap: 'inline',
      plugins: [awsSdkExternals(format)],
      // The AWS SDK is the plugin's (it may point at Tidepool's copy); the rest are the service's own.
      external: (options.external ?? []).filter((pattern) => pattern !== '*' && !AWS_SDK.test(pattern)),
      ...(format === 'esm' && { banner: { js: ESM_REQUIRE_BANNER } }),
      outfile,
      logLevel: 'silent',
    });
    return { file: outfile, format, needsEsm: result.warnings.some((w) => w.id === 'empty-import-meta') };
  };
  const preferred = bundleFormatOf(options.file);
  try {
    try {
      const built = await attempt(preferred);
      // ES module code that reads import.meta (e.g. import.meta.url for __dirname) needs an ES module bundle.
      return built.needsEsm ? await attempt('esm') : built;
    } catch (error) {
      // serverless-esbuild users pick `format: esm` for top-level await; do the same.
      if (preferred === 'cjs' && buildErrors(error).some((m) => m.text.startsWith('Top-level await is currently not supported'))) {
        return await attempt('esm');
      }
      throw error;
    }
  } catch (error) {
    throw toInitError(error, options.handler, options.file, workingDir);
  }
}

/**
 * The bundle's module format: an ES module for what Node loads as one without a bundler (`.mjs`,
 * `.mts`, `.js` under `"type": "module"`); CommonJS for `.cjs`, `.cts` and `.ts` (what
 * serverless-esbuild, serverless-webpack and tsc's CommonJS output give, and the interop such code
 * relies on, e.g. `import * as AWS from 'aws-sdk'`). bundleHandler switches to an ES module when
 * the code needs one (top-level await, `import.meta`).
 */
function bundleFormatOf(file: string): 'esm' | 'cjs' {
  return extname(file) === '.ts' ? 'cjs' : moduleFormatOf(file);
}

/** Marks every AWS SDK import external, pointing at the copy that would be loaded (see bundleHandler). */
function awsSdkExternals(format: 'esm' | 'cjs'): Plugin {
  return {
    name: 'tidepool-aws-sdk',
    setup(builder) {
      builder.onResolve({ filter: AWS_SDK }, (args) => {
        const resolved = resolveFrom(args.path, join(args.resolveDir, 'index.js'))
          ?? (args.path.startsWith('@aws-sdk/') ? resolveFrom(args.path, undefined) : undefined);
        // Unresolvable: left as is, so loading fails as on Lambda (Cannot find module …).
        if (resolved === undefined) return { path: args.path, external: true };
        return { path: format === 'esm' ? pathToFileURL(resolved).href : resolved, external: true };
      });
    },
  };
}

function resolveFrom(specifier: string, fromFile: string | undefined): string | undefined {
  try {
    return (fromFile === undefined ? tidepoolRequire : createRequire(fromFile)).resolve(specifier);
  } catch {
    return undefined;
  }
}

function buildErrors(error: unknown): Message[] {
  const errors = (error as { errors?: unknown }).errors;
  return Array.isArray(errors) ? (errors as Message[]) : [];
}

function toInitError(error: unknown, handler: string, file: string, workingDir: string): FunctionInitError {
  const [first, ...rest] = buildErrors(error);
  if (first === undefined) return new FunctionInitError({ handler, payload: toErrorPayload(error), cause: error });
  const location = first.location;
  const source = location === null ? file : isAbsolute(location.file) ? location.file : join(workingDir, location.file);
  const where = location === null ? source : `${source}:${location.line}:${location.column + 1}`;
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more build error${rest.length === 1 ? '' : 's'})`;
  const unresolved = /^Could not resolve "(.+)"$/.exec(first.text);
  if (unresolved !== null) {
    const specifier = unresolved[1]!;
    return new FunctionInitError({
      handler,
      payload: runtimeErrorPayload('Runtime.ImportModuleError', `Error: Cannot find module '${specifier}'\nRequire stack:\n- ${source}`, [`    at ${where}`]),
      hint: /^[./]/.test(specifier)
        ? `${where} imports ${specifier}, which does not exist${more}`
        : `${where} imports ${specifier}, which is not installed in the service: npm install ${packageName(specifier)}${more}`,
      cause: error,
    });
  }
  const noLoader = /^No loader is configured for "(.+)" files: (.+)$/.exec(first.text);
  if (noLoader !== null) {
    return new FunctionInitError({
      handler,
      payload: runtimeErrorPayload('Runtime.ImportModuleError', `Error: Cannot load ${noLoader[2]!} (esbuild has no loader for ${noLoader[1]!} files)`, [`    at ${where}`]),
      hint: `${where} loads ${noLoader[2]!}: leave the package that contains it out of the bundle with custom.esbuild.external in serverless.yml${more}`,
      cause: error,
    });
  }
  return new FunctionInitError({
    handler,
    payload: runtimeErrorPayload('Runtime.UserCodeSyntaxError', `SyntaxError: ${first.text}`, [`    at ${where}`]),
    hint: `esbuild could not build ${file}: ${first.text} at ${where}${more}`,
    cause: error,
  });
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}
