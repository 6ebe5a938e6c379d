import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Absolute path of a plain-JavaScript asset of `local-runtime/preload/` (a `.cjs` file that child
 * processes load with `node --require`). In the sources it sits beside this module; in the packed
 * build it is copied to `dist/preload/`, beside the bundle that inlines this module, or one folder
 * up when a shared chunk (`dist/chunks/`) inlines it.
 */
export function assetPath(name: string): string {
  const folders = [here, join(here, 'preload'), join(here, '..', 'preload')];
  for (const folder of folders) if (existsSync(join(folder, name))) return join(folder, name);
  throw new Error(`Tidepool asset ${name} is missing (looked in ${folders.join(', ')}); reinstall tidepool`);
}
