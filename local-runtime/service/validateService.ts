import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { notEmulatedWarnings } from './notEmulated';
import type { FunctionModel, ServiceModel } from './ServiceModel';
import type { ServiceWarning } from './ServiceWarning';
import { streamTarget } from './streamTarget';

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

type EventCheck = (fn: FunctionModel, event: unknown, index: number, model: ServiceModel) => string[];

/** Checks per event type, keyed by the event's key in serverless.yml. */
const EVENT_CHECKS: Record<string, EventCheck> = {
  stream: (_fn, event, index, model) => checkStream(event, index, model),
  httpApi: (_fn, event, index) => checkHttpApi(event, index),
};

/**
 * Checks a resolved service before it runs locally. Problems make it unrunnable (handler files
 * that do not exist, stream events whose ARN is not a stream of a DynamoDB table in resources,
 * httpApi events with a method or path API Gateway would reject). Warnings name everything that
 * is not emulated, with what happens instead (see notEmulated.ts), streams the runtime cannot consume
 * (Kinesis, tables of other stacks) included: the service runs without them.
 *
 * @example
 * const { problems, warnings } = validateService(model);
 * for (const p of problems) console.error(`function ${p.function}: ${p.problem}`);
 */
export function validateService(model: ServiceModel): ServiceValidation {
  const problems: ServiceProblem[] = [];
  for (const fn of Object.values(model.functions)) {
    const found = [checkHandler(fn, model)];
    fn.events.forEach((event, index) => {
      for (const [type, check] of Object.entries(EVENT_CHECKS)) {
        if (event !== null && typeof event === 'object' && type in event) found.push(...check(fn, (event as Record<string, unknown>)[type], index, model));
      }
    });
    for (const problem of found) if (problem) problems.push({ function: fn.key, problem });
  }
  return { problems, warnings: notEmulatedWarnings(model) };
}

function checkHandler(fn: FunctionModel, model: ServiceModel): string {
  const dot = fn.handler.lastIndexOf('.');
  if (dot <= 0) return `handler "${fn.handler}" is not "path/to/file.exportName"`;
  const base = fn.handler.slice(0, dot);
  if (HANDLER_EXTENSIONS.some((ext) => existsSync(join(model.servicePath, base + ext)))) return '';
  return `handler "${fn.handler}": no file ${base}{${HANDLER_EXTENSIONS.join(',')}} in ${model.servicePath}`;
}

function checkStream(event: unknown, index: number, model: ServiceModel): string[] {
  const at = `events[${index}].stream`;
  const target = streamTarget(event, model);
  if ('notEmulated' in target) return []; // a warning (notEmulated.ts), not a problem
  if ('problem' in target) return [`${at}: ${target.problem}`];
  const resource = model.resources[target.logicalId];
  if (resource?.Type !== 'AWS::DynamoDB::Table') {
    return [`${at}: stream event arn refers to "${target.logicalId}", which is not an AWS::DynamoDB::Table in resources`];
  }
  if (target.attribute !== 'StreamArn') {
    return [`${at}: stream event arn is ${target.logicalId}.${target.attribute}; use !GetAtt ${target.logicalId}.StreamArn`];
  }
  if (resource.Properties?.StreamSpecification === undefined) {
    return [`${at}: table "${target.logicalId}" has no StreamSpecification, so it has no stream; add StreamSpecification: { StreamViewType: NEW_AND_OLD_IMAGES }`];
  }
  return [];
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
