import { spawn } from 'node:child_process';
import type { Framework } from './resolveFramework';
import { resolveFramework } from './resolveFramework';

/** Result of one framework run. */
export interface SlsRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** How to run the framework: in `cwd`, with `env`, `node --require <each of requires>`. */
export interface SpawnSlsOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The framework copy to run (default: {@link resolveFramework} of `cwd`). */
  framework?: Framework;
  /** Plain-JS files `node --require`s before the framework starts. */
  requires?: readonly string[];
}

/** Runs the framework with `args`. Injectable so tests can count or fake runs. */
export type SpawnSls = (args: readonly string[], options: SpawnSlsOptions) => Promise<SlsRun>;

/** The real framework: `node [--require …] <framework>/bin/serverless.js …args`, output collected. */
export const spawnSls: SpawnSls = (args, { cwd, env, framework, requires = [] }) =>
  new Promise((resolve, reject) => {
    const bin = (framework ?? resolveFramework(cwd).framework).bin;
    const nodeArgs = requires.flatMap((file) => ['--require', file]);
    const child = spawn(process.execPath, [...nodeArgs, bin, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ exitCode: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
