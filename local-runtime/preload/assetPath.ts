import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Absolute path of a plain-JavaScript asset of `local-runtime/preload/` (a `.cjs` file that child
 * processes load with `node --require`). In the sources it sits beside this module; in the packed
 * build it is copied to `dist/preload/`, beside the bundle that inlines this module.
 */
export function assetPath(name: string): string {
  for (const candidate of [join(here, name), join(here, 'preload', name)]) if (existsSync(candidate)) return candidate;
  throw new Error(`Tidepool asset ${name} is missing (looked in ${here} and ${join(here, 'preload')}); reinstall tidepool`);
}
