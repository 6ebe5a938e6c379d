import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Absolute path of a plain-JavaScript asset of `local-runtime/preload/` (a `.cjs` file that child
 * processes load with `node --require`). In the sources it sits beside this module; in the packed
 * build it is copied to `dist/preload/`, beside the bundle that inlines this module or one level
 * above it (the build splits shared code into `dist/chunks/`).
 */
export function assetPath(name: string): string {
  const candidates = [join(here, name), join(here, 'preload', name), join(here, '..', 'preload', name)];
  for (const candidate of candidates) if (existsSync(candidate)) return candidate;
  throw new Error(`Tidepool asset ${name} is missing (looked for ${candidates.join(', ')}); reinstall tidepool`);
}
