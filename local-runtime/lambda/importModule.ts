import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts']);

/**
 * `import()` of a handler file. Under this repository's vitest, vite transforms TypeScript; when
 * Tidepool runs from its compiled package (inside a user's own vitest or jest, where Node's native
 * `import()` answers), Node 20 cannot import `.ts`: then tsx's `tsImport` loads it (and what it
 * imports) instead. tsx is one of Tidepool's runtime dependencies.
 */
export async function importModule(file: string): Promise<unknown> {
  const url = pathToFileURL(file).href;
  try {
    return await import(/* @vite-ignore */ url);
  } catch (error) {
    if (!TYPESCRIPT.has(extname(file)) || (error as NodeJS.ErrnoException).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
  }
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(url, { parentURL: import.meta.url }) as Promise<unknown>;
}
