import { ServiceError } from './ServiceError';
import type { CfnResource, CfnValue, FunctionEventModel, FunctionModel, ServiceModel } from './ServiceModel';

/** osls defaults (https://www.serverless.com/framework/docs/providers/aws/guide/functions). */
const DEFAULT_TIMEOUT_SECONDS = 6;
const DEFAULT_MEMORY_MB = 1024;
const DEFAULT_REGION = 'us-east-1';
/** Account id used in local ARNs (the same placeholder LocalStack and DynamoDB Local use). */
export const LOCAL_ACCOUNT_ID = '000000000000';

type Json = Record<string, unknown>;

/** The framework's stage when neither `--stage` nor provider.stage names one. */
export const DEFAULT_STAGE = 'dev';

/**
 * Maps the configuration printed by `sls print --format json` to the ServiceModel.
 * `where` names the file in error messages. The stage follows the Serverless Framework's rule:
 * the `--stage` option (`options.stage`), else provider.stage, else `dev`.
 */
export function toServiceModel(
  printed: unknown,
  options: { servicePath: string; stage?: string; region?: string; accountId?: string; where: string },
): ServiceModel {
  const config = asObject(printed, options.where, 'the printed configuration');
  const provider = asObject(config.provider ?? {}, options.where, 'provider');
  const service = serviceName(config.service, options.where);
  const stage = options.stage ?? (typeof provider.stage === 'string' ? provider.stage : DEFAULT_STAGE);
  const region = options.region ?? (typeof provider.region === 'string' ? provider.region : DEFAULT_REGION);
  const providerEnv = asObject(provider.environment ?? {}, options.where, 'provider.environment');
  const functions: Record<string, FunctionModel> = {};
  for (const [key, raw] of Object.entries(asObject(config.functions ?? {}, options.where, 'functions'))) {
    const fn = asObject(raw, options.where, `functions.${key}`);
    if (typeof fn.handler !== 'string') {
      throw new ServiceError('service.invalid_config', options.where, `${options.where}: functions.${key} has no handler (container image functions cannot run locally)`);
    }
    functions[key] = {
      key,
      name: typeof fn.name === 'string' ? fn.name : `${service}-${stage}-${key}`,
      handler: fn.handler,
      timeout: numberOr(fn.timeout, numberOr(provider.timeout, DEFAULT_TIMEOUT_SECONDS)),
      memorySize: numberOr(fn.memorySize, numberOr(provider.memorySize, DEFAULT_MEMORY_MB)),
      environment: { ...providerEnv, ...asObject(fn.environment ?? {}, options.where, `functions.${key}.environment`) },
      events: Array.isArray(fn.events) ? (fn.events as FunctionEventModel[]) : [],
      config: fn,
    };
  }
  return {
    servicePath: options.servicePath,
    service,
    stage,
    region,
    accountId: options.accountId ?? LOCAL_ACCOUNT_ID,
    runtime: typeof provider.runtime === 'string' ? provider.runtime : 'nodejs22.x',
    functions,
    resources: mergeResources(config.resources, options.where),
    httpApi: asObject(provider.httpApi ?? {}, options.where, 'provider.httpApi'),
    ...(config.custom !== undefined && { custom: asObject(config.custom, options.where, 'custom') }),
    file: options.where,
    plugins: pluginNames(config.plugins),
    provider,
  };
}

/** `plugins: [a, b]` or `plugins: { localPath, modules: [a, b] }`. */
function pluginNames(plugins: unknown): string[] {
  const list = Array.isArray(plugins) ? plugins : Array.isArray((plugins as Json | undefined)?.['modules']) ? ((plugins as Json)['modules'] as unknown[]) : [];
  return list.filter((name): name is string => typeof name === 'string');
}

/** `resources` is an object, or (before osls merges it) an array of fragments. */
function mergeResources(resources: unknown, where: string): Record<string, CfnResource> {
  const fragments = Array.isArray(resources) ? resources : resources === undefined ? [] : [resources];
  const merged: Record<string, CfnResource> = {};
  fragments.forEach((fragment, index) => {
    const part = asObject(fragment ?? {}, where, Array.isArray(resources) ? `resources[${index}]` : 'resources');
    Object.assign(merged, asObject(part.Resources ?? {}, where, 'resources.Resources') as Record<string, CfnResource>);
  });
  return merged;
}

function serviceName(value: CfnValue, where: string): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && typeof (value as Json).name === 'string') return (value as Json).name as string;
  throw new ServiceError('service.invalid_config', where, `${where}: "service" must be the service name`);
}

function asObject(value: unknown, where: string, what: string): Json {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Json;
  throw new ServiceError('service.invalid_config', where, `${where}: ${what} must be an object`);
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
