import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { notEmulatedWarnings } from './notEmulated';
import type { CfnValue, FunctionModel, ServiceModel } from './ServiceModel';
import type { ServiceWarning } from './ServiceWarning';

/** A problem a user must fix before `start`; `problem` does not repeat the function name. */
export interface ServiceProblem {
  function: string;
  problem: string;
}

/** What `validateService` found: problems stop `start`; warnings are printed and the service runs. */
export interface ServiceValidation {
  problems: ServiceProblem[];
  warnings: ServiceWarning[];
}

/** Extensions a handler file may have, in the order they are tried. */
export const HANDLER_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs', '.cjs'] as const;

/** HTTP API route methods (`ANY` and `*` match all). https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html */
const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY', '*']);
/** `/`, or `/seg/{param}/…` with an optional greedy `{proxy+}` as the last segment. */
const HTTP_PATH = /^\/$|^(\/([A-Za-z0-9._~:@!$&'()*+,;=-]+|\{[A-Za-z0-9._-]+\}))*(\/\{[A-Za-z0-9._-]+\+\})?$/;

/** Problems (stop `start`) and warnings (printed) of one event. */
interface EventFindings {
  problems?: string[];
  warnings?: string[];
}
type EventCheck = (fn: FunctionModel, event: unknown, index: number, model: ServiceModel) => EventFindings;

/** Checks per event type, keyed by the event's key in serverless.yml. */
const EVENT_CHECKS: Record<string, EventCheck> = {
  stream: (_fn, event, index, model) => checkStream(event, index, model),
  httpApi: (_fn, event, index) => ({ problems: checkHttpApi(event, index) }),
};

/**
 * Checks a resolved service before it runs locally. Problems make it unrunnable (handler files
 * that do not exist, stream events whose ARN is not a stream of a DynamoDB table in resources,
 * httpApi events with a method or path API Gateway would reject). Warnings name everything that
 * is not emulated, with what happens instead (see notEmulated.ts), plus streams the runtime cannot
 * consume (Kinesis, tables of other stacks): the service runs without them.
 *
 * @example
 * const { problems, warnings } = validateService(model);
 * for (const p of problems) console.error(`function ${p.function}: ${p.problem}`);
 */
export function validateService(model: ServiceModel): ServiceValidation {
  const problems: ServiceProblem[] = [];
  const streamWarnings: ServiceWarning[] = [];
  for (const fn of Object.values(model.functions)) {
    const found = [checkHandler(fn, model)];
    fn.events.forEach((event, index) => {
      for (const [type, check] of Object.entries(EVENT_CHECKS)) {
        if (event === null || typeof event !== 'object' || !(type in event)) continue;
        const findings = check(fn, (event as Record<string, unknown>)[type], index, model);
        found.push(...(findings.problems ?? []));
        for (const message of findings.warnings ?? []) streamWarnings.push({ where: `functions.${fn.key}.events[${index}].${type}`, message });
      }
    });
    for (const problem of found) if (problem) problems.push({ function: fn.key, problem });
  }
  return { problems, warnings: [...notEmulatedWarnings(model), ...streamWarnings] };
}

/** Whether a `stream` event reads a local table's stream (Kinesis and other stacks' tables are not consumed). */
export function isLocalStreamEvent(event: unknown, model: ServiceModel): boolean {
  const findings = checkStream(event, 0, model);
  return (findings.warnings ?? []).length === 0 && (findings.problems ?? []).length === 0;
}

function checkHandler(fn: FunctionModel, model: ServiceModel): string {
  const dot = fn.handler.lastIndexOf('.');
  if (dot <= 0) return `handler "${fn.handler}" is not "path/to/file.exportName"`;
  const base = fn.handler.slice(0, dot);
  if (HANDLER_EXTENSIONS.some((ext) => existsSync(join(model.servicePath, base + ext)))) return '';
  return `handler "${fn.handler}": no file ${base}{${HANDLER_EXTENSIONS.join(',')}} in ${model.servicePath}`;
}

function checkStream(event: unknown, index: number, model: ServiceModel): EventFindings {
  const at = `events[${index}].stream`;
  const arn: CfnValue = typeof event === 'object' && event !== null ? (event as { arn?: CfnValue }).arn : event;
  const kinesis = (typeof event === 'object' && event !== null && (event as { type?: unknown }).type === 'kinesis') || (typeof arn === 'string' && arn.startsWith('arn:aws:kinesis:'));
  if (kinesis) return { warnings: ['Kinesis streams are not emulated: the function never receives records'] };
  const target = streamTarget(arn, model);
  if ('foreign' in target) {
    return { warnings: [`${target.foreign} is not the stream of a table in resources: only local tables' streams are consumed, so the function never receives its records`] };
  }
  if ('problem' in target) return { problems: [`${at}: ${target.problem}`] };
  const resource = model.resources[target.logicalId];
  if (resource?.Type !== 'AWS::DynamoDB::Table') {
    return { problems: [`${at}: stream event arn refers to "${target.logicalId}", which is not an AWS::DynamoDB::Table in resources`] };
  }
  if (target.attribute !== 'StreamArn') {
    return { problems: [`${at}: stream event arn is ${target.logicalId}.${target.attribute}; use !GetAtt ${target.logicalId}.StreamArn`] };
  }
  if (resource.Properties?.StreamSpecification === undefined) {
    return { problems: [`${at}: table "${target.logicalId}" has no StreamSpecification, so it has no stream; add StreamSpecification: { StreamViewType: NEW_AND_OLD_IMAGES }`] };
  }
  return {};
}

/** The table an event's arn names, an ARN of a table elsewhere, or a problem. String ARNs are matched on TableName. */
function streamTarget(arn: CfnValue, model: ServiceModel): { logicalId: string; attribute: string } | { foreign: string } | { problem: string } {
  if (arn !== null && typeof arn === 'object' && !Array.isArray(arn)) {
    const getAtt = (arn as Record<string, unknown>)['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return { logicalId: getAtt[0], attribute: String(getAtt[1]) };
    if (typeof getAtt === 'string' && getAtt.includes('.')) {
      const dot = getAtt.indexOf('.');
      return { logicalId: getAtt.slice(0, dot), attribute: getAtt.slice(dot + 1) };
    }
    const ref = (arn as Record<string, unknown>).Ref;
    if (typeof ref === 'string') return { logicalId: ref, attribute: 'Ref' };
  }
  if (typeof arn === 'string') {
    const name = /^arn:[^:]+:dynamodb:[^:]*:[^:]*:table\/([^/]+)\/stream\//.exec(arn)?.[1];
    const match = Object.entries(model.resources).find(([, r]) => r.Type === 'AWS::DynamoDB::Table' && r.Properties?.TableName === name);
    if (match) return { logicalId: match[0], attribute: 'StreamArn' };
    if (arn.startsWith('arn:')) return { foreign: arn }; // a table of another stack: a warning, not a problem
  }
  return { problem: `stream event arn ${JSON.stringify(arn)} must be !GetAtt <Table>.StreamArn` };
}

function checkHttpApi(event: unknown, index: number): string[] {
  const at = `events[${index}].httpApi`;
  const route = parseRoute(event);
  if (typeof route === 'string') return [`${at}: ${route}`];
  if (route.method === '*' && route.path === '*') return [];
  const problems: string[] = [];
  if (!HTTP_METHODS.has(route.method.toUpperCase())) problems.push(`${at}: method "${route.method}" is not one of ${[...HTTP_METHODS].join(', ')}`);
  if (!HTTP_PATH.test(route.path)) problems.push(`${at}: path "${route.path}" is not a valid route path (e.g. /orders/{id} or /files/{proxy+})`);
  return problems;
}

/** `'*'`, `'GET /orders'` or `{ method, path }`. */
function parseRoute(event: unknown): { method: string; path: string } | string {
  if (typeof event === 'string') {
    if (event.trim() === '*') return { method: '*', path: '*' };
    const [method, path, ...rest] = event.trim().split(/\s+/);
    if (!method || !path || rest.length > 0) return `route "${event}" is not "METHOD /path" or "*"`;
    return { method, path };
  }
  if (event !== null && typeof event === 'object') {
    const { method, path } = event as { method?: unknown; path?: unknown };
    if (typeof method === 'string' && typeof path === 'string') return { method, path };
    if (typeof method === 'string' && path === undefined && method === '*') return { method, path: '*' };
  }
  return `route ${JSON.stringify(event)} needs a method and a path`;
}
