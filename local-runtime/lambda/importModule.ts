import * as ownModule from 'node:module';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { hostProcess } from './hostProcess';

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts']);
/** Raised by `import()` inside a `vm` context without a dynamic-import hook (jest without ESM support). */
const NO_DYNAMIC_IMPORT = new Set(['ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING', 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG']);

/**
 * `import()` of a handler file. Under this repository's vitest, vite transforms TypeScript; when
 * Tidepool runs from its compiled package (inside a user's own vitest or jest, where Node's native
 * `import()` answers), Node 20 cannot import `.ts`: then tsx's `tsImport` loads it (and what it
 * imports) instead. Where `import()` is not available at all (jest's CommonJS sandbox), tsx's
 * `require` loads the file with Node's own module loader (reached through the real `process`, as
 * the runner's `require` cannot load TypeScript): the handler's modules are then outside the
 * runner's module registry (`jest.mock` does not reach them). tsx is one of Tidepool's runtime
 * dependencies.
 */
export async function importModule(file: string): Promise<unknown> {
  const url = pathToFileURL(file).href;
  try {
    return await import(/* @vite-ignore */ url);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (NO_DYNAMIC_IMPORT.has(code)) return requireWithTsx(file);
    if (!TYPESCRIPT.has(extname(file)) || code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
  }
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(url, { parentURL: import.meta.url });
}

function requireWithTsx(file: string): unknown {
  // process.getBuiltinModule: Node 20.16+; before it, the `node:module` this code was given.
  const nodeModule = (hostProcess.getBuiltinModule as ((id: 'node:module') => typeof ownModule) | undefined)?.('node:module') ?? ownModule;
  const tsx = nodeModule.createRequire(new URL(import.meta.url))('tsx/cjs/api') as { require: (id: string, fromFile: string) => unknown };
  return tsx.require(file, import.meta.url);
}
