import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ServiceError } from './ServiceError';

/** Result of one osls run. */
export interface SlsRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs osls with `args` in `cwd`. Injectable so tests can count or fake runs. */
export type SpawnSls = (args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }) => Promise<SlsRun>;

/**
 * Where osls lives for a service: the service's own `node_modules/osls` (what
 * `node_modules/.bin/sls` points at), else the copy next to Tidepool.
 */
export function resolveOsls(servicePath: string): { bin: string; packageJson: string } {
  for (const from of [join(servicePath, 'package.json'), import.meta.url]) {
    try {
      const require = createRequire(from);
      return { bin: require.resolve('osls/bin/serverless.js'), packageJson: require.resolve('osls/package.json') };
    } catch {
      // not installed there; try the next place
    }
  }
  throw new ServiceError(
    'service.sls_failed',
    join(servicePath, 'serverless.yml'),
    `osls is not installed: looked in ${servicePath}/node_modules and next to tidepool; run npm install`,
  );
}

/** The real osls: `node <osls>/bin/serverless.js …args`, output collected. */
export const spawnSls: SpawnSls = (args, { cwd, env }) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [resolveOsls(cwd).bin, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ exitCode: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
