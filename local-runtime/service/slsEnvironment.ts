import { devNull } from 'node:os';
import type { Framework } from './resolveFramework';

/** Dummy credentials the framework child signs its (local) requests with. */
export const SLS_CHILD_CREDENTIALS = { accessKeyId: 'AKIDTIDEPOOLLOCAL', secretAccessKey: 'tidepool-local-secret', sessionToken: 'tidepool-local-session' };

/**
 * The environment of the framework child that resolves a service: the user's, minus every way to
 * real AWS credentials (profiles, shared files, container/web-identity providers, stage-prefixed
 * keys), plus dummy credentials and region, the guard's target, the preload's settings, and the
 * framework's telemetry, notifications and interactive setup switched off.
 */
export function slsEnvironment(
  base: NodeJS.ProcessEnv,
  options: { awsTarget: string; region: string; framework: Framework; warningsFile: string },
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    if (/^AWS_/.test(name) || /^SERVERLESS_(ACCESS_KEY|PLATFORM)/.test(name) || name === 'SLS_ORG_TOKEN') continue;
    env[name] = value;
  }
  return {
    ...env,
    AWS_ACCESS_KEY_ID: SLS_CHILD_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: SLS_CHILD_CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: SLS_CHILD_CREDENTIALS.sessionToken,
    AWS_REGION: options.region,
    AWS_DEFAULT_REGION: options.region,
    AWS_SHARED_CREDENTIALS_FILE: devNull,
    AWS_CONFIG_FILE: devNull,
    AWS_EC2_METADATA_DISABLED: 'true',
    TIDEPOOL_AWS_TARGET: options.awsTarget,
    TIDEPOOL_AWS_CALLER: 'service resolution',
    TIDEPOOL_SLS_ROOT: options.framework.root,
    TIDEPOOL_SLS_NAME: options.framework.name,
    TIDEPOOL_SLS_WARNINGS: options.warningsFile,
    SLS_TELEMETRY_DISABLED: '1',
    SLS_TRACKING_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    SLS_INTERACTIVE_SETUP_DISABLE: '1',
    SLS_DEPRECATION_NOTIFICATION_MODE: 'warn',
    CI: env.CI ?? '1',
  };
}
