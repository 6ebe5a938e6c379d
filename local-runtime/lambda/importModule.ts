import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts']);
/** Raised by `import()` inside a `vm` context without a dynamic-import hook (jest without ESM support). */
const NO_DYNAMIC_IMPORT = new Set(['ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING', 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG']);

/**
 * `import()` of a handler file. Under this repository's vitest, vite transforms TypeScript; when
 * Tidepool runs from its compiled package (inside a user's own vitest or jest, where Node's native
 * `import()` answers), Node 20 cannot import `.ts`: then tsx's `tsImport` loads it (and what it
 * imports) instead. Where `import()` is not available at all (jest's CommonJS sandbox), tsx's
 * `require` loads the file with Node's own loader. tsx is one of Tidepool's runtime dependencies.
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
  return tsImport(url, { parentURL: import.meta.url }) as Promise<unknown>;
}

function requireWithTsx(file: string): unknown {
  const tsx = createRequire(import.meta.url)('tsx/cjs/api') as { require: (id: string, fromFile: string) => unknown };
  return tsx.require(file, import.meta.url);
}
