import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cleanEnv } from './scratchInstall';

/** Preload that refuses every connection off the loopback interface (see the file). */
const LOOPBACK_ONLY = fileURLToPath(new URL('./loopbackOnly.cjs', import.meta.url));

/** A running `tidepool` subprocess. */
export interface TidepoolProcess {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved as they arrived. */
  output: () => string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/**
 * Runs the installed `tidepool` binary as a user's shell would (`npx tidepool …` in the service
 * folder), with no AWS credentials or profile of this machine, the instance metadata service
 * off, and connections off 127.0.0.1 refused.
 */
export function runTidepool(bin: string, args: readonly string[], cwd: string): TidepoolProcess {
  const env = cleanEnv();
  for (const key of Object.keys(env)) if (key.startsWith('AWS_') && key !== 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED') delete env[key];
  Object.assign(env, { NO_COLOR: '1', AWS_EC2_METADATA_DISABLED: 'true', NODE_OPTIONS: `--require ${LOOPBACK_ONLY}` });
  const child = spawn(bin, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let all = '';
  child.stdout!.on('data', (chunk: Buffer) => ((out += chunk.toString()), (all += chunk.toString())));
  child.stderr!.on('data', (chunk: Buffer) => ((err += chunk.toString()), (all += chunk.toString())));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  return { child, output: () => all, stdout: () => out, stderr: () => err, exited };
}

/**
 * Resolves once `predicate` holds for the process's output (checked on every chunk); rejects
 * with the output so far if the process exits first or `timeoutMs` passes.
 */
export function waitForOutput(run: TidepoolProcess, predicate: (text: string) => boolean, what: string, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const onData = () => {
      if (!predicate(run.output())) return;
      done();
      resolve(run.output());
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`waited ${timeoutMs} ms for ${what}; output so far:\n${run.output()}`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      run.child.stdout!.off('data', onData);
      run.child.stderr!.off('data', onData);
    };
    run.child.stdout!.on('data', onData);
    run.child.stderr!.on('data', onData);
    void run.exited.then((code) => {
      done();
      reject(new Error(`tidepool exited (${code}) before ${what}:\n${run.output()}`));
    });
    onData();
  });
}

/** `tidepool start` on free ports, after its banner: the URLs it printed. */
export interface StartedService {
  run: TidepoolProcess;
  apiUrl: string;
  dynamodbUrl: string;
  /** The output up to and including the banner (warnings printed at start are in it). */
  banner: string;
  /** SIGINT, as Ctrl-C; resolves with the exit code. */
  stop: () => Promise<number | null>;
}

/**
 * Starts `tidepool start --port 0 --dynamodb-port 0` in `cwd` and waits for its banner. `command`
 * is what comes before `start`: nothing for the tidepool binary, `['tidepool']` for `sls`.
 */
export async function startService(bin: string, cwd: string, command: readonly string[] = []): Promise<StartedService> {
  const run = runTidepool(bin, [...command, 'start', '--port', '0', '--dynamodb-port', '0'], cwd);
  try {
    const banner = await waitForOutput(run, (text) => text.includes('Ctrl-C to stop'), 'the start banner', 90_000);
    const apiUrl = /HTTP API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    const dynamodbUrl = /DynamoDB\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    if (!apiUrl || !dynamodbUrl) throw new Error(`no HTTP API or DynamoDB URL in the banner:\n${banner}`);
    let stopped: Promise<number | null> | undefined;
    const stop = () => (stopped ??= (run.child.kill('SIGINT'), run.exited));
    return { run, apiUrl, dynamodbUrl, banner, stop };
  } catch (error) {
    run.child.kill('SIGKILL');
    await run.exited;
    throw error;
  }
}

/** What `tidepool invoke --json` prints. */
export interface InvokeJson {
  function: string;
  functionName: string;
  outcome: string;
  durationMs: number;
  result?: unknown;
  error?: { errorType?: string; errorMessage?: string; trace?: string[] };
  logs: string[];
}

/** `tidepool invoke <fn> [--event <file>] --json` in `cwd`: exit code, parsed stdout, and the whole output. */
export async function invokeJson(bin: string, cwd: string, fn: string, eventFile?: string): Promise<{ code: number | null; json: InvokeJson; output: string; wallMs: number }> {
  const started = performance.now();
  const run = runTidepool(bin, ['invoke', fn, ...(eventFile === undefined ? [] : ['--event', eventFile]), '--json'], cwd);
  const code = await run.exited;
  const wallMs = performance.now() - started;
  let json: InvokeJson;
  try {
    json = JSON.parse(run.stdout()) as InvokeJson;
  } catch {
    throw new Error(`tidepool invoke ${fn} (exit ${code}) did not print JSON:\n${run.output()}`);
  }
  return { code, json, output: run.output(), wallMs };
}

/**
 * Polls `check` every 100 ms until it returns a value other than undefined; rejects after
 * `timeoutMs` with `what`. For effects of the real clock in a running `start` (stream polls,
 * TTL sweeps, queue deliveries), where there is no drain() to call.
 */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
