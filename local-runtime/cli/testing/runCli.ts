import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The CLI's entry point in the sources (what `npx tidepool` runs in this repository). */
export const CLI_BIN = fileURLToPath(new URL('../bin.js', import.meta.url));

/** One `tidepool` subprocess and what it has printed so far. */
export interface CliRun {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (null when ended by a signal). */
  exited: Promise<number | null>;
}

/** `tidepool <args>` run as a user runs it, in `cwd`: a subprocess of the real CLI, never mocked, colours off. */
export function runCli(args: readonly string[], cwd: string): CliRun {
  const child = spawn(process.execPath, [CLI_BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/**
 * Resolves with stdout once `predicate` holds for it (checked on every chunk, no polling); rejects
 * with everything printed if the process exits first.
 */
export function waitForOutput(run: CliRun, predicate: (text: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (predicate(run.stdout())) {
        run.child.stdout!.off('data', check);
        resolve(run.stdout());
      }
    };
    run.child.stdout!.on('data', check);
    void run.exited.then((code) => reject(new Error(`tidepool exited (${code}) early:\n${run.stdout()}\n${run.stderr()}`)));
    check();
  });
}
