import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';

/**
 * Whether Node (and so Lambda's runtime) loads `file` as an ES module or as CommonJS: `.mjs`/`.mts`
 * are ESM, `.cjs`/`.cts` CommonJS, and `.js`/`.ts` follow the `"type"` of the nearest
 * package.json (https://nodejs.org/api/packages.html#type); the search stops at a `node_modules`
 * folder, as the Lambda runtime's does.
 */
export function moduleFormatOf(file: string): 'esm' | 'cjs' {
  const ext = extname(file);
  if (ext === '.mjs' || ext === '.mts') return 'esm';
  if (ext === '.cjs' || ext === '.cts') return 'cjs';
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (dir.endsWith('/node_modules') || dir.endsWith('\\node_modules')) return 'cjs';
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) return readType(manifest) === 'module' ? 'esm' : 'cjs';
    if (dirname(dir) === dir) return 'cjs';
  }
}

function readType(manifest: string): unknown {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type;
  } catch {
    return undefined; // Node ignores an unreadable package.json here too
  }
}
