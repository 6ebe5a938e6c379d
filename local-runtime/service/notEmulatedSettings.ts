/**
 * What happens locally instead of Serverless plugins, provider settings and function settings
 * that Tidepool does not emulate.
 */

const BUNDLER = "replaced by Tidepool's own esbuild bundle of each handler (the plugin's options are not read)";
const OFFLINE = 'replaced by Tidepool itself';
const IAM = 'IAM is not enforced locally: every handler may call every local service';

/** Plugins Tidepool stands in for, by module name; any other plugin gets {@link DEFAULT_PLUGIN}. */
export const PLUGINS: Record<string, string | undefined> = {
  tidepool: undefined,
  'serverless-esbuild': BUNDLER,
  'serverless-webpack': BUNDLER,
  'serverless-plugin-typescript': BUNDLER,
  'serverless-bundle': BUNDLER,
  'serverless-offline': OFFLINE,
  'serverless-dynamodb': OFFLINE,
  'serverless-dynamodb-local': OFFLINE,
  'serverless-offline-sqs': OFFLINE,
  'serverless-offline-sns': OFFLINE,
  'serverless-offline-dynamodb-streams': OFFLINE,
  'serverless-offline-scheduler': 'not replaced: schedule events never fire locally',
  'serverless-iam-roles-per-function': IAM,
};

/** For a plugin with no entry in {@link PLUGINS}. */
export const DEFAULT_PLUGIN = 'its hooks do not run locally: whatever it adds at package or deploy time is missing';

/** A setting's check: what happens instead, or undefined when its value needs no warning. */
export type SettingDescriber = (value: unknown) => string | undefined;
const always = (message: string): SettingDescriber => () => message;

const LAYERS = always('Lambda layers are not loaded locally: code and packages they put in /opt are missing');
const VPC = always('not emulated: the function reaches the network of this machine');
const TRACING = always('X-Ray tracing is not emulated');

/** `provider.*` settings (dotted paths) that are not emulated. */
export const PROVIDER_SETTINGS: Record<string, SettingDescriber> = {
  iam: always(IAM),
  iamRoleStatements: always(IAM),
  iamManagedPolicies: always(IAM),
  vpc: VPC,
  layers: LAYERS,
  tracing: TRACING,
  'logs.lambda.logFormat': (value) =>
    value === 'JSON' ? "Lambda's JSON log format is not reproduced: console output is printed as Node renders it, without Lambda's envelope" : undefined,
};

/** `functions.<key>.*` settings that are not emulated. */
export const FUNCTION_SETTINGS: Record<string, SettingDescriber> = {
  layers: LAYERS,
  vpc: VPC,
  tracing: TRACING,
  iamRoleStatements: always(IAM),
  url: always('function URLs are not served locally'),
  provisionedConcurrency: always('not honoured locally: environments start on demand (cold starts), none is kept initialised'),
  fileSystemConfig: always('EFS is not mounted locally'),
};
