import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The child environment: any credentials and region, and no user config or instance metadata lookups. */
export const CLIENT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_REGION: 'us-east-1',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_PAGER: '',
  AWS_MAX_ATTEMPTS: '1',
};

/** What a real client reports for a call: its response, or the error code and message it parsed. */
export type ClientResult = { ok: Record<string, unknown> } | { error: { code: string; message: string | null; reasons?: unknown; item?: unknown } };

/**
 * Runs `aws dynamodb <args…> --endpoint-url <url>` (AWS CLI v1 / botocore, which also checks `x-amz-crc32`).
 * A failed command resolves to its error code and message, parsed from stderr.
 */
export async function awsCli(url: string, ...args: string[]): Promise<ClientResult> {
  try {
    const { stdout } = await run('aws', ['dynamodb', ...args, '--endpoint-url', url, '--output', 'json'], { env: CLIENT_ENV });
    return { ok: stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>) };
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? error);
    const match = /An error occurred \(([^)]+)\) when calling the \w+ operation[^:]*: ?(.*)/s.exec(stderr);
    if (!match) throw error;
    return { error: { code: match[1] ?? '', message: (match[2] ?? '').trim() } };
  }
}

/** One boto3 call: the snake_case client method and its parameters (binary values as base64 strings). */
export interface Boto3Call {
  op: string;
  params?: Record<string, unknown>;
}

const DRIVER = fileURLToPath(new URL('./boto3Driver.py', import.meta.url));

/** Runs the calls in order in one `python3` process with boto3's low-level DynamoDB client. */
export async function boto3(url: string, calls: Boto3Call[]): Promise<ClientResult[]> {
  const child = spawn('python3', [DRIVER, url], { env: CLIENT_ENV, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  child.stdin.end(JSON.stringify(calls));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`boto3 driver exited with ${String(code)}:\n${stderr}`);
  return JSON.parse(stdout) as ClientResult[];
}
