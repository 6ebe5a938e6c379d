import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** What `npm pack --json` says about the tarball, plus where it is and how long packing took. */
export interface PackedTarball {
  /** Absolute path of the .tgz. */
  file: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: { path: string; size: number }[];
  /** Time `npm pack` (with its prepack build) took when this tarball was made. */
  packMs: number;
}

const root = fileURLToPath(new URL('../../', import.meta.url));
/** What the package is made from: a change to any of these makes a new tarball. */
const INPUTS = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.lib.json', 'README.md', 'lib', 'local-runtime'];
const LOCK_STALE_MS = 10 * 60_000;

/** The environment without what `npm test` sets for this repository's own scripts. */
export function cleanNpmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_package_|npm_lifecycle_|INIT_CWD$)/.test(name)));
}

/**
 * Packs this repository as `npm publish` would (`npm pack`, whose prepack runs the build) and
 * returns the tarball. Test files that need it share one: the tarball is kept in the system's temp
 * folder under a hash of the package's inputs, and packing is serialised by a lock directory, so two
 * test workers never build dist/ at the same time and the second reuses the first one's tarball.
 *
 * @example
 * const { file } = await packTarball();
 * await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', file], { cwd: scratch });
 */
export async function packTarball(): Promise<PackedTarball> {
  const dir = join(tmpdir(), `tidepool-tarball-${inputsHash()}`);
  const meta = join(dir, 'packed.json');
  const lock = `${dir}.lock`;
  await acquire(lock);
  try {
    if (existsSync(meta)) return JSON.parse(readFileSync(meta, 'utf8')) as PackedTarball;
    const building = `${dir}.building`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(building, { recursive: true });
    const started = Date.now();
    const { stdout } = await promisify(execFile)('npm', ['pack', '--json', '--pack-destination', building], {
      cwd: root, env: cleanNpmEnv(), timeout: 300_000, maxBuffer: 16 * 1024 * 1024,
    });
    const [result] = JSON.parse(stdout.slice(stdout.indexOf('['))) as (Omit<PackedTarball, 'file' | 'packMs'> & { filename: string })[];
    if (result === undefined) throw new Error(`npm pack printed no tarball: ${stdout}`);
    const packed: PackedTarball = {
      file: join(dir, result.filename),
      size: result.size,
      unpackedSize: result.unpackedSize,
      entryCount: result.entryCount,
      files: result.files.map(({ path, size }) => ({ path, size })),
      packMs: Date.now() - started,
    };
    writeFileSync(join(building, 'packed.json'), JSON.stringify(packed));
    rmSync(dir, { recursive: true, force: true });
    renameSync(building, dir);
    return packed;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function inputsHash(): string {
  const hash = createHash('sha256');
  const add = (path: string): void => {
    const full = join(root, path);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) add(join(path, name));
      return;
    }
    hash.update(path).update('\0').update(readFileSync(full)).update('\0');
  };
  for (const input of INPUTS) add(input);
  return hash.digest('hex').slice(0, 16);
}

/** Takes the lock directory (mkdir is atomic), waiting while another worker packs; a stale lock is broken. */
async function acquire(lock: string): Promise<void> {
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    try {
      if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
    } catch {
      // released meanwhile; try again
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
