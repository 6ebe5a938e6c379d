import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { packTarball } from '../build/packTarball';

/** What {@link scratchInstall} made: where, and how long each step took. */
export interface ScratchInstall {
  /** The scratch directory: package.json, node_modules, one sub-folder per fixture. */
  dir: string;
  /** The packed tarball (inside `dir`). */
  tarball: string;
  /** `<dir>/node_modules/.bin/tidepool`: what `npx tidepool` runs in a service that installed it. */
  bin: string;
  /** `<dir>/node_modules/.bin/sls`: the framework a fixture installed (osls), for the plugin form. */
  sls: string;
  /** Milliseconds spent in `npm pack` and `npm install`. */
  timings: { packMs: number; installMs: number };
}

export interface ScratchInstallOptions {
  /** Folder whose sub-folders are the fixture services (each with its package.json). */
  fixtures: string;
  /** Packages the fixtures list but that the scratch install leaves out on purpose. */
  leaveOut?: readonly string[];
}

/**
 * Packs the repository with `npm pack` (its `prepack` runs the build; {@link packTarball} shares one
 * tarball between the test files that need it), copies every fixture service into one scratch
 * directory and installs, in that directory, the tarball plus the union of the fixtures'
 * dependencies (one `npm install --prefer-offline`, served from the npm cache that `npm ci` of the
 * repository filled). Fixtures resolve packages from the shared node_modules one level up.
 * @throws Error when two fixtures pin different versions of a package, or npm fails
 */
export async function scratchInstall(options: ScratchInstallOptions): Promise<ScratchInstall> {
  const dir = mkdtempSync(join(tmpdir(), 'tidepool-installed-'));
  const packStarted = performance.now();
  const packed = await packTarball();
  const packMs = performance.now() - packStarted;
  const tarballName = basename(packed.file);
  cpSync(packed.file, join(dir, tarballName));

  const wanted = new Map<string, { version: string; from: string }>();
  for (const name of readdirSync(options.fixtures)) {
    cpSync(join(options.fixtures, name), join(dir, name), { recursive: true });
    const manifest = JSON.parse(readFileSync(join(options.fixtures, name, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    for (const [pkg, version] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
      if (options.leaveOut?.includes(pkg)) continue;
      const seen = wanted.get(pkg);
      if (seen && seen.version !== version) throw new Error(`fixtures ${seen.from} and ${name} pin ${pkg} at ${seen.version} and ${version}: use one version`);
      wanted.set(pkg, { version, from: name });
    }
  }
  const devDependencies: Record<string, string> = { tidepool: `file:./${tarballName}` };
  for (const [pkg, { version }] of [...wanted].sort(([a], [b]) => a.localeCompare(b))) devDependencies[pkg] = version;
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'tidepool-e2e-scratch', private: true, devDependencies }, null, 2)}\n`);

  const installStarted = performance.now();
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], dir);
  const installMs = performance.now() - installStarted;
  return { dir, tarball: join(dir, tarballName), bin: join(dir, 'node_modules', '.bin', 'tidepool'), sls: join(dir, 'node_modules', '.bin', 'sls'), timings: { packMs, installMs } };
}

/** The environment without the variables `npm test` sets for its own run (npm_config_*, npm_package_*, …). */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, ...extra };
}

function run(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${code}:\n${out.slice(-4000)}\n${err.slice(-4000)}`)),
    );
  });
}
