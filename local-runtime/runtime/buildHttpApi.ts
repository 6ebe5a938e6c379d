import type { Clock } from '../clock/Clock';
import { HttpApi } from '../http-api/HttpApi';
import type { LocalFunction } from '../lambda/LocalFunction';
import type { HttpApiEventModel, ServiceModel } from '../service/ServiceModel';

/** Route definitions from every function's `httpApi` events (`{ method, path }`, `'METHOD /path'` or `'*'`). */
export function httpRoutes(service: ServiceModel): Array<{ method: string; path: string; functionKey: string }> {
  const routes: Array<{ method: string; path: string; functionKey: string }> = [];
  for (const fn of Object.values(service.functions)) {
    for (const event of fn.events) {
      if (!('httpApi' in event)) continue;
      const route = routeOf(event.httpApi as HttpApiEventModel | string);
      routes.push({ ...route, functionKey: fn.key });
    }
  }
  return routes;
}

/** The HTTP API emulation wired to the service's functions. */
export function buildHttpApi(service: ServiceModel, functions: Map<string, LocalFunction>, clock: Clock): HttpApi {
  return new HttpApi({
    routes: httpRoutes(service),
    clock,
    region: service.region,
    accountId: service.accountId,
    invoke: (functionKey, event) => {
      const fn = functions.get(functionKey);
      if (!fn) throw new Error(`HTTP API route targets unknown function ${functionKey}`);
      const routeKey = (event as { routeKey?: string }).routeKey ?? 'httpApi';
      return fn.invoke(event, { type: 'httpApi', source: routeKey });
    },
  });
}

function routeOf(spec: HttpApiEventModel | string): { method: string; path: string } {
  if (typeof spec === 'string') {
    if (spec === '*') return { method: '*', path: '*' };
    const [method = '', path = ''] = spec.trim().split(/\s+/, 2);
    return { method: method.toUpperCase(), path };
  }
  return { method: spec.method.toUpperCase(), path: spec.path };
}
