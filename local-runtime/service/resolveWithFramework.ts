import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { assetPath } from '../preload/assetPath';
import { startAwsEndpointServer } from '../preload/AwsEndpointServer';
import { LOCAL_VALUES_FILE, type LocalValues } from './loadLocalValues';
import { localValueHandlers, type MissingValue } from './localValueHandlers';
import { missingHint, serviceTexts } from './missingHint';
import { missingValues, refName } from './missingValues';
import type { Framework } from './resolveFramework';
import { ServiceError } from './ServiceError';
import { slsEnvironment } from './slsEnvironment';
import { slsWarnings } from './slsWarnings';
import { spawnSls, type SpawnSls } from './spawnSls';

const DEFAULT_REGION = 'us-east-1';

/**
 * One `sls print --format json` run of `framework` for the service, with Tidepool's preloads: the
 * tolerance hooks (`slsPreload.cjs`) and the AWS request guard, whose target is a local resolver
 * answering STS, SSM, CloudFormation and S3 from the account id and the values file. Returns the
 * printed configuration and every warning (the preload's, the framework's stderr, values that fell
 * back); throws a ServiceError naming the file and the framework's message.
 */
export async function resolveWithFramework(input: {
  servicePath: string;
  file: string;
  framework: Framework;
  values: LocalValues;
  /** `--stage`; undefined leaves it to the framework (provider.stage, else dev). */
  stage: string | undefined;
  region: string | undefined;
  accountId: string;
  /** A scratch file the preload appends its warnings to. */
  warningsFile: string;
  spawn?: SpawnSls;
}): Promise<{ printed: unknown; warnings: string[] }> {
  const region = input.region ?? DEFAULT_REGION;
  const asked = new Set<MissingValue>();
  const server = await startAwsEndpointServer({
    services: localValueHandlers(input.values, { accountId: input.accountId, region, onMissing: (value) => asked.add(value) }),
  });
  const args = ['print', '--format', 'json', ...(input.stage === undefined ? [] : ['--stage', input.stage]), ...(input.region ? ['--region', input.region] : [])];
  const command = `${input.framework.name} ${args.join(' ')}`;
  let run;
  try {
    run = await (input.spawn ?? spawnSls)(args, {
      cwd: input.servicePath,
      env: slsEnvironment(process.env, { awsTarget: server.url, region, framework: input.framework, warningsFile: input.warningsFile }),
      framework: input.framework,
      requires: [assetPath('slsPreload.cjs'), assetPath('awsRequestGuard.cjs')],
    });
  } finally {
    await server.close();
  }
  const texts = serviceTexts(input.file);
  if (run.exitCode !== 0) {
    // The framework prints its error on stdout (`Error:\n<message>`) and its environment on stderr.
    const message = (run.stdout.trim() || run.stderr.trim()).replace(/^Error:\s*/, '');
    throw new ServiceError(
      'service.sls_failed',
      input.file,
      `${input.file}: ${input.framework.name} ${input.framework.version} could not resolve the service (${command}):\n${message}${missingHint(message, input.values, asked, texts)}`,
    );
  }
  let printed: unknown;
  try {
    printed = JSON.parse(run.stdout);
  } catch (cause) {
    throw new ServiceError('service.sls_output', input.file, `${input.file}: ${command} did not print JSON:\n${run.stdout.slice(0, 500)}`, { cause });
  }
  if (printed !== null && typeof printed === 'object') delete (printed as Record<string, unknown>).configValidationMode; // set by the preload, not the user
  const fellBack = missingValues(input.values, asked, []).map(
    (ref) => `${refName(ref)} has no value in ${LOCAL_VALUES_FILE}: its fallback was used`,
  );
  return { printed, warnings: [...preloadWarnings(input.warningsFile), ...slsWarnings(run.stderr, basename(input.file)), ...fellBack] };
}

function preloadWarnings(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return []; // the preload had nothing to say
  }
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => String(JSON.parse(line)));
}
