import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Whether the AWS CLI is installed (tests that use it skip otherwise). */
export const hasAwsCli = await run('aws', ['--version']).then(() => true, () => false);

/** Runs `aws <args> --endpoint-url <url>` with dummy credentials; returns its JSON output. */
export async function awsCli(url: string, args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run('aws', [...args, '--endpoint-url', url, '--region', 'us-east-1', '--output', 'json'], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDLOCAL', AWS_SECRET_ACCESS_KEY: 'local', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
  });
  return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
}

/** Whether Python's boto3 is installed. */
export const hasBoto3 = await run('python3', ['-c', 'import boto3']).then(() => true, () => false);

/**
 * Runs a Python script with boto3 against the endpoint (`ENDPOINT` and `client(name)` are defined
 * for it); returns what it prints as JSON. One interpreter for many calls keeps the test fast.
 */
export async function boto3(url: string, script: string): Promise<unknown> {
  const prelude = [
    'import boto3, json, os',
    'ENDPOINT = os.environ["ENDPOINT"]',
    'def client(name): return boto3.client(name, endpoint_url=ENDPOINT, region_name="us-east-1", aws_access_key_id="AKIDLOCAL", aws_secret_access_key="local")',
  ].join('\n');
  const { stdout } = await run('python3', ['-c', `${prelude}\n${script}`], { env: { ...process.env, ENDPOINT: url, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' } });
  return JSON.parse(stdout) as unknown;
}
