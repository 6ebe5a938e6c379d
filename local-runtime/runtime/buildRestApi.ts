import type { JSONWebKeySet } from 'jose';
import type { Clock } from '../clock/Clock';
import { JwtAuthorizer } from '../http-api/jwt/JwtAuthorizer';
import type { LocalFunction } from '../lambda/LocalFunction';
import { apiKeysFromService } from '../rest-api/ApiKeys';
import { RestAuthorizer } from '../rest-api/authorizers/RestAuthorizer';
import { RestApi } from '../rest-api/RestApi';
import { restRoutesFromService } from '../rest-api/restRoutesFromService';
import type { ServiceModel } from '../service/ServiceModel';
import { ServiceConfigError } from './errors';

type Json = Record<string, unknown>;

const COGNITO_ARN = /^arn:aws[\w-]*:cognito-idp:([a-z0-9-]+):\d*:userpool\/(.+)$/;

/**
 * The REST API of a service's `http` events, or undefined when it has none. Lambda authorizers run
 * the service's own functions (trigger `authorizer`); Cognito authorizers check tokens against the
 * local key set (`keySet`, the one the httpApi JWT authorizers use). Throws a ServiceConfigError
 * naming the function and event of every problem.
 */
export function buildRestApi(
  service: ServiceModel,
  functions: Map<string, LocalFunction>,
  clock: Clock,
  keySet: () => JSONWebKeySet | undefined,
): RestApi | undefined {
  const { routes, problems } = restRoutesFromService(service);
  if (problems.length > 0) throw new ServiceConfigError(problems);
  if (routes.length === 0) return undefined;
  const invoke = (functionKey: string, event: unknown, type: string, source: string) => {
    const fn = functions.get(functionKey);
    if (!fn) throw new Error(`REST API method targets unknown function ${functionKey}`);
    return fn.invoke(event, { type, source });
  };
  const authorizers = new Map<string, RestAuthorizer>();
  for (const route of routes) {
    const config = route.authorizer;
    if (config === undefined || authorizers.has(config.name)) continue;
    const match = config.userPoolArn === undefined ? null : COGNITO_ARN.exec(config.userPoolArn);
    const jwt = config.type !== 'COGNITO_USER_POOLS' ? undefined : new JwtAuthorizer({
      name: config.name,
      identitySource: `$request.header.${(config.identitySource[0] ?? 'method.request.header.Authorization').replace(/^method\.request\.header\./i, '')}`,
      issuerUrl: match === null ? '' : `https://cognito-idp.${match[1] as string}.amazonaws.com/${match[2] as string}`,
      audience: [],
      anyAudience: true,
      anyIssuer: match === null,
    }, keySet());
    authorizers.set(config.name, new RestAuthorizer(config, {
      clock,
      invoke: (functionKey, event) => invoke(functionKey, event, 'authorizer', `${config.type} ${config.name}`),
      ...(jwt !== undefined && { jwt }),
    }));
  }
  const apiGateway = (service.provider?.['apiGateway'] ?? {}) as Json;
  return new RestApi({
    routes,
    stage: service.stage,
    clock,
    region: service.region,
    accountId: service.accountId,
    authorizers,
    apiKeys: apiKeysFromService(apiGateway['apiKeys'], `${service.service}/${service.stage}`),
    binaryMediaTypes: [apiGateway['binaryMediaTypes'] ?? []].flat().map(String),
    invoke: (functionKey, event, source) => invoke(functionKey, event, 'http', source),
  });
}
