import type { FunctionModel, ServiceModel } from '../service/ServiceModel';
import { isValidIdentitySource } from './authorizers/identitySource';
import { corsOf } from './corsPreflight';
import type { RestAuthorizerConfig, RestRequestRules, RestRouteDefinition } from './types';

type Json = Record<string, unknown>;

/** REST API methods (`ANY` matches all). https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethod.html */
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY']);
/** A resource path part: literal, `{name}`, or `{name+}` (last only). */
const PART = /^([A-Za-z0-9._~:@!$&'()*+,;=-]+|\{[A-Za-z0-9._-]+\+?\})$/;
const COGNITO_ARN = /^arn:aws[\w-]*:cognito-idp:([a-z0-9-]+):\d*:userpool\/(.+)$/;

/** The REST API of a service: its methods, and each problem that stops start (function and event named). */
export interface RestRoutes {
  routes: RestRouteDefinition[];
  problems: string[];
}

/**
 * Every function's `http` events as REST API methods, normalised as osls does
 * (https://www.serverless.com/framework/docs/providers/aws/events/apigateway): `'GET hello'` or
 * `{ method, path, cors, private, authorizer, request, integration }`; paths without leading or
 * trailing slashes; `any` → ANY; authorizers by function name, function ARN, Cognito user-pool ARN,
 * or `{ name, type, identitySource, resultTtlInSeconds, identityValidationExpression }`.
 */
export function restRoutesFromService(service: ServiceModel): RestRoutes {
  const routes: RestRouteDefinition[] = [];
  const problems: string[] = [];
  for (const fn of Object.values(service.functions)) {
    fn.events.forEach((event, index) => {
      if (event === null || typeof event !== 'object' || !('http' in event)) return;
      const at = `function ${fn.key}: events[${index}].http`;
      const route = routeOf((event as Json)['http'], fn, service, (p) => problems.push(`${at}: ${p}`));
      if (route !== undefined) routes.push(route);
    });
  }
  const seen = new Set<string>();
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) problems.push(`function ${route.functionKey}: http ${key} is defined twice (API Gateway has one method per resource and verb)`);
    seen.add(key);
  }
  return { routes, problems };
}

function routeOf(raw: unknown, fn: FunctionModel, service: ServiceModel, problem: (p: string) => void): RestRouteDefinition | undefined {
  const spec: Json = typeof raw === 'string' ? parseShort(raw) : raw !== null && typeof raw === 'object' ? (raw as Json) : {};
  if (typeof spec['method'] !== 'string' || typeof spec['path'] !== 'string') {
    problem(`${JSON.stringify(raw)} needs a method and a path ("GET hello" or { method, path })`);
    return undefined;
  }
  const method = spec['method'].toUpperCase();
  const trimmed = spec['path'].replace(/^\//, '').replace(/\/$/, '');
  const path = `/${trimmed}`;
  let ok = true;
  if (!METHODS.has(method)) { problem(`method "${spec['method']}" is not one of ${[...METHODS].join(', ')} (or any)`); ok = false; }
  const parts = trimmed === '' ? [] : trimmed.split('/');
  if (parts.some((p, i) => !PART.test(p) || (p.endsWith('+}') && i !== parts.length - 1))) {
    problem(`path "${spec['path']}" is not a valid resource path (e.g. users/{id} or files/{proxy+}, a greedy {proxy+} only last)`);
    ok = false;
  }
  const integration = String(spec['integration'] ?? (spec['async'] === true ? 'lambda' : 'lambda-proxy')).toUpperCase().replace('-', '_');
  const kind = integration === 'LAMBDA' || integration === 'AWS' ? 'AWS' : integration === 'LAMBDA_PROXY' || integration === 'AWS_PROXY' ? 'AWS_PROXY' : undefined;
  if (kind === undefined) { problem(`integration "${String(spec['integration'])}" is not emulated locally (only lambda-proxy and lambda)`); ok = false; }
  const authorizer = spec['authorizer'] === undefined || spec['authorizer'] === null ? undefined : authorizerOf(spec['authorizer'], service, problem);
  if (authorizer === null) ok = false;
  if (!ok || kind === undefined) return undefined;
  const cors = corsOf(spec['cors'], method);
  const request = requestOf(spec['request'], service);
  return {
    method,
    path,
    functionKey: fn.key,
    integration: kind,
    ...(cors !== undefined && { cors }),
    ...(spec['private'] === true && { private: true }),
    ...(authorizer !== undefined && authorizer !== null && { authorizer }),
    ...(request !== undefined && { request }),
  };
}

function parseShort(text: string): Json {
  const [method, path] = text.trim().split(/\s+/);
  return { method, path };
}

/** null: a problem was reported. */
function authorizerOf(raw: unknown, service: ServiceModel, problem: (p: string) => void): RestAuthorizerConfig | null {
  const spec: Json = typeof raw === 'string' ? (raw.includes(':') ? { arn: raw } : raw.toUpperCase() === 'AWS_IAM' ? { type: 'AWS_IAM' } : { name: raw }) : (raw as Json);
  const type = String(spec['type'] ?? '').toUpperCase();
  if (type === 'AWS_IAM') { problem('AWS_IAM authorization is not emulated locally (requests would need SigV4 credentials checked against IAM); remove it for local runs or use a Lambda authorizer'); return null; }
  if (spec['authorizerId'] !== undefined) { problem('an authorizer by authorizerId (defined outside this service) is not emulated locally'); return null; }
  const ttl = Number.parseInt(String(spec['resultTtlInSeconds'] ?? ''), 10);
  const resultTtlInSeconds = Number.isNaN(ttl) ? 300 : ttl;
  const arn = spec['arn'];
  const cognito = type === 'COGNITO_USER_POOLS' || (typeof arn === 'string' && COGNITO_ARN.test(arn));
  const finalType = cognito ? 'COGNITO_USER_POOLS' : type === 'REQUEST' ? 'REQUEST' : 'TOKEN';
  const sources = spec['identitySource'] === undefined
    ? finalType === 'REQUEST' && resultTtlInSeconds === 0 ? [] : ['method.request.header.Authorization']
    : String(spec['identitySource']).split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = sources.find((s) => !isValidIdentitySource(s));
  if (bad !== undefined) { problem(`authorizer identitySource "${bad}" is not method.request.header.X, method.request.querystring.X, stageVariables.X or context.X`); return null; }
  const base = {
    identitySource: sources,
    resultTtlInSeconds,
    ...(typeof spec['identityValidationExpression'] === 'string' && { identityValidationExpression: spec['identityValidationExpression'] }),
  };
  if (cognito) {
    const name = typeof spec['name'] === 'string' ? spec['name'] : typeof arn === 'string' ? arn.split('/').at(-1) as string : 'cognito';
    return { ...base, name, type: 'COGNITO_USER_POOLS', ...(typeof arn === 'string' && { userPoolArn: arn }), ...(spec['scopes'] !== undefined && { scopes: [spec['scopes']].flat().map(String) }) };
  }
  const functionKey = authorizerFunction(spec, service);
  if (functionKey === undefined) {
    problem(`authorizer ${JSON.stringify(raw)} is not a function of this service (only this service's functions can run as authorizers locally)`);
    return null;
  }
  return { ...base, name: typeof spec['name'] === 'string' ? spec['name'] : functionKey, type: finalType, functionKey };
}

/** The function key of a Lambda authorizer: by `name`, by function ARN (`…:function:<name>`), or `Fn::GetAtt: [<Key>LambdaFunction, Arn]`. */
function authorizerFunction(spec: Json, service: ServiceModel): string | undefined {
  const functions = Object.values(service.functions);
  const arn = spec['arn'];
  if (arn === undefined && typeof spec['name'] === 'string') return functions.find((f) => f.key === spec['name'])?.key;
  if (typeof arn === 'string') return functions.find((f) => arn.endsWith(`:function:${f.name}`))?.key;
  const getAtt = (arn as Json | undefined)?.['Fn::GetAtt'];
  const logicalId = Array.isArray(getAtt) ? String(getAtt[0]) : typeof getAtt === 'string' ? getAtt.split('.')[0] : undefined;
  return functions.find((f) => logicalId === `${lambdaLogicalName(f.key)}LambdaFunction`)?.key;
}

/** osls's normalised function name in logical ids: first letter upper case, `-` → Dash, `_` → Underscore. */
function lambdaLogicalName(key: string): string {
  return `${key.charAt(0).toUpperCase()}${key.slice(1)}`.replaceAll('-', 'Dash').replaceAll('_', 'Underscore');
}

function requestOf(raw: unknown, service: ServiceModel): RestRequestRules | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const spec = raw as Json;
  const parameters = (spec['parameters'] ?? {}) as Json;
  const required = (location: string): Record<string, boolean> =>
    Object.fromEntries(Object.entries((parameters[location] ?? {}) as Json).map(([name, v]) => [name, v === true || (typeof v === 'object' && v !== null && (v as Json)['required'] === true)]));
  const models = (((service.provider?.['apiGateway'] as Json | undefined)?.['request'] as Json | undefined)?.['schemas'] ?? {}) as Json;
  const schemas: Record<string, object> = {};
  for (const [contentType, value] of Object.entries((spec['schemas'] ?? spec['schema'] ?? {}) as Json)) {
    const resolved = typeof value === 'string' ? models[value] : value;
    const schema = resolved !== null && typeof resolved === 'object' && 'schema' in (resolved as Json) ? (resolved as Json)['schema'] : resolved;
    if (schema !== null && typeof schema === 'object') schemas[contentType] = schema;
  }
  const rules = { querystrings: required('querystrings'), headers: required('headers'), paths: required('paths'), schemas };
  const empty = Object.values(rules).every((m) => Object.keys(m).length === 0);
  return empty ? undefined : rules;
}
