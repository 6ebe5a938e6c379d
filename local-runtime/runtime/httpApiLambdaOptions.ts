import type { LambdaAuthorizerConfig } from '../http-api/LambdaAuthorizer';
import type { ServiceModel } from '../service/ServiceModel';
import { httpRoutes } from './buildHttpApi';

type Json = Record<string, unknown>;

/**
 * The Lambda (`type: request`) authorizers of `provider.httpApi.authorizers`
 * (https://www.serverless.com/framework/docs/providers/aws/events/http-api#lambda-request-authorizers):
 * `functionName` (or a `functionArn` of this service's function), `identitySource`,
 * `resultTtlInSeconds` (0 when unset), `payloadVersion` ('2.0' default), `enableSimpleResponses`.
 * Problems (a function not in this service) are pushed to `problems`.
 */
export function lambdaAuthorizers(service: ServiceModel, configured: Record<string, Json>, problems: string[]): Map<string, LambdaAuthorizerConfig> {
  const result = new Map<string, LambdaAuthorizerConfig>();
  for (const [name, config] of Object.entries(configured)) {
    if (config['type'] !== 'request') continue;
    const at = `provider.httpApi.authorizers.${name}`;
    const functions = Object.values(service.functions);
    const arn = config['functionArn'];
    const fn = typeof config['functionName'] === 'string'
      ? functions.find((f) => f.key === config['functionName'])
      : typeof arn === 'string' ? functions.find((f) => arn.endsWith(`:function:${f.name}`)) : undefined;
    if (fn === undefined) {
      problems.push(`${at}: ${config['functionName'] !== undefined ? `function "${String(config['functionName'])}"` : `functionArn ${JSON.stringify(arn)}`} is not a function of this service (only this service's functions run as authorizers locally)`);
      continue;
    }
    const version = String(config['payloadVersion'] ?? '2.0');
    if (version !== '1.0' && version !== '2.0') {
      problems.push(`${at}: payloadVersion "${version}" is not 1.0 or 2.0`);
      continue;
    }
    result.set(name, {
      name,
      functionKey: fn.key,
      identitySource: [config['identitySource'] ?? []].flat().map(String),
      resultTtlInSeconds: Number(config['resultTtlInSeconds'] ?? 0),
      payloadVersion: version,
      enableSimpleResponses: config['enableSimpleResponses'] === true,
    });
  }
  return result;
}

/**
 * Route keys whose integration uses payload format 1.0: the function's `httpApi.payload`, else
 * `provider.httpApi.payload` (osls's `PayloadFormatVersion`), '2.0' by default.
 */
export function payloadV1Routes(service: ServiceModel): Set<string> {
  const keys = new Set<string>();
  const providerPayload = service.httpApi['payload'];
  for (const route of httpRoutes(service)) {
    const fnPayload = ((service.functions[route.functionKey]?.config?.['httpApi'] ?? {}) as Json)['payload'];
    if (String(fnPayload ?? providerPayload ?? '2.0') !== '1.0') continue;
    keys.add(route.path === '*' || route.path === '$default' ? '$default' : `${route.method === '*' || route.method === 'ANY' ? 'ANY' : route.method} ${route.path}`);
  }
  return keys;
}
