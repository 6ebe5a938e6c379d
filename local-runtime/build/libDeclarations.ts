import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Relative specifiers in `from '…'`, `import('…')` and `export … from '…'`, without an extension. */
const RELATIVE = /((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*?)\2/g;

/**
 * Adds `.js` to the extensionless relative imports tsc leaves in the declarations of `lib/` (the
 * sources use bundler resolution), so TypeScript resolves them under `node16`/`nodenext` too, where
 * an ES module's relative import must name its file. Each `x.d.ts` sits beside the `x.js` it types.
 * Returns the number of files rewritten.
 */
export function addJsExtensions(dir: string): number {
  let rewritten = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      rewritten += addJsExtensions(path);
      continue;
    }
    if (!name.endsWith('.d.ts')) continue;
    const text = readFileSync(path, 'utf8');
    const fixed = text.replace(RELATIVE, (match, before: string, quote: string, specifier: string) =>
      /\.(c|m)?js$/.test(specifier) ? match : `${before}${quote}${specifier}.js${quote}`);
    if (fixed !== text) {
      writeFileSync(path, fixed);
      rewritten += 1;
    }
  }
  return rewritten;
}
