import { writeSync } from 'node:fs';
import { startAwsEndpointServer } from '../preload/AwsEndpointServer';
import { requestGuard } from '../preload/requestGuard';
import { findServiceFile } from '../service/findServiceFile';
import { loadLocalValues } from '../service/loadLocalValues';
import { localValueHandlers, type MissingValue } from '../service/localValueHandlers';
import { missingHint, serviceTexts } from '../service/missingHint';
import { SLS_CHILD_CREDENTIALS } from '../service/slsEnvironment';
import { LOCAL_ACCOUNT_ID } from '../service/toServiceModel';

const DEFAULT_REGION = 'us-east-1';
/** Who the local resolver's answers are for (sent as `x-tidepool-caller`). */
const HOST_CALLER = 'sls tidepool (service resolution)';

/** What the plugin needs of the framework instance that constructed it (osls, serverless v3). */
export interface HostServerless {
  serviceDir?: string | null;
  service?: { provider?: { region?: unknown } };
  /** The framework's variable bookkeeping; entries that failed carry `error`. */
  variablesMeta?: Map<string, { error?: { message?: string } }>;
  getProvider?: (name: string) => unknown;
}

/** The part of osls's AWS provider that chooses the credentials its SDK v3 clients sign with. */
interface OslsAwsProvider {
  getAwsSdkV3CredentialsProvider?: (options?: unknown) => () => Promise<unknown>;
}

/** The guard of the host process: `ready` settles when the local resolver listens. */
export interface HostGuard {
  ready: Promise<void>;
}

/**
 * Keeps the framework process that runs `sls tidepool …` off AWS. The framework resolves the
 * service's variables itself before the plugin's hook runs, `${ssm:…}`, `${cf:…}`, `${s3:…}` and
 * `${aws:accountId}` included; this installs the AWS request guard in that process, pointed at the
 * same local resolver `tidepool start` uses (the account `000000000000`, tidepool.values.yml), so
 * they resolve exactly as they do there. osls's AWS provider signs those requests with the same dummy
 * credentials the `sls print` child uses, so no profile, SSO, assume-role or credential_process is
 * consulted for them. When a value is missing and the framework fails for it,
 * the same hint `tidepool start` gives is written to stderr as the process exits.
 *
 * The resolver starts listening here but binds asynchronously: `ready` settles once it does, and
 * the plugin's `asyncInit` (awaited by the framework after loading plugins and before it resolves
 * `${ssm:…}` and the other AWS sources) waits for it. A request made before then fails at once,
 * naming the reason; it never goes to AWS.
 */
export function guardHostProcess(serverless: HostServerless, cliOptions: Record<string, unknown>): HostGuard {
  const servicePath = typeof serverless.serviceDir === 'string' ? serverless.serviceDir : process.cwd();
  const values = loadLocalValues(servicePath);
  const region = typeof cliOptions.region === 'string' ? cliOptions.region : configuredRegion(serverless) ?? DEFAULT_REGION;
  const asked = new Set<MissingValue>();
  let url: string | undefined;
  requestGuard.install({
    target: () => {
      if (url === undefined) throw new Error('Tidepool: an AWS request was made before the local resolver of the sls tidepool process listened; it was not sent to AWS');
      return url;
    },
    caller: () => HOST_CALLER,
  });
  useLocalCredentials(serverless);
  const ready = startAwsEndpointServer({
    services: localValueHandlers(values, { accountId: LOCAL_ACCOUNT_ID, region, onMissing: (value) => asked.add(value) }),
    unref: true,
  }).then((server) => {
    url = server.url;
  });
  process.once('exit', (code) => {
    if (code === 0 || asked.size === 0) return;
    const messages = [...(serverless.variablesMeta?.values() ?? [])].map((meta) => meta.error?.message ?? '').join('\n');
    let texts: string[] = [];
    try {
      texts = serviceTexts(findServiceFile(servicePath));
    } catch {
      // no service file to scan: the hint names what was asked
    }
    const hint = missingHint(messages, values, asked, texts);
    if (hint !== '') writeSync(2, `${hint.trimStart()}\n`);
  });
  return { ready };
}

/** osls (4.x) resolves credentials in `getAwsSdkV3CredentialsProvider`; other frameworks keep theirs (their requests still go to the resolver). */
function useLocalCredentials(serverless: HostServerless): void {
  let provider: OslsAwsProvider | undefined;
  try {
    provider = serverless.getProvider?.('aws') as OslsAwsProvider | undefined;
  } catch {
    return; // not an AWS service
  }
  if (typeof provider?.getAwsSdkV3CredentialsProvider !== 'function') return;
  const identity = { ...SLS_CHILD_CREDENTIALS };
  provider.getAwsSdkV3CredentialsProvider = () => async () => identity;
}

/** provider.region when it is already a plain string (variables in it are not resolved yet). */
function configuredRegion(serverless: HostServerless): string | undefined {
  const region = serverless.service?.provider?.region;
  return typeof region === 'string' && !region.includes('${') ? region : undefined;
}
