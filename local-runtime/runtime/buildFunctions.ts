import { loadHandler } from '../lambda/loadHandler';
import { LocalFunction } from '../lambda/LocalFunction';
import type { LambdaHandler } from '../lambda/types';
import { resolveIntrinsics } from '../service/resolveIntrinsics';
import type { ServiceModel } from '../service/ServiceModel';
import type { LocalResources } from './LocalResources';

/** How handlers are loaded: `import` (direct import, for tests) or `bundle` (the esbuild bundle, as deployed). */
export type HandlerMode = 'import' | 'bundle';

/** The service's functions, and a way to load their handlers again (`start --watch`). */
export interface BuiltFunctions {
  functions: Map<string, LocalFunction>;
  /**
   * Loads every handler again (rebuilding bundles) and swaps them in only if all of them load, so
   * a build error leaves the previous handlers running. Resolves to the number reloaded.
   */
  reloadHandlers(): Promise<number>;
}

/**
 * Loads every function's handler and wraps it in a `LocalFunction` with its resolved environment.
 * `around` runs before each invocation (the runtime uses it to point the handler's AWS clients at
 * this runtime's engine).
 */
export async function buildFunctions(
  service: ServiceModel,
  resources: LocalResources,
  mode: HandlerMode,
  around: () => void,
): Promise<BuiltFunctions> {
  const functions = new Map<string, LocalFunction>();
  const current = new Map<string, LambdaHandler>();
  const loadAll = async (): Promise<Map<string, LambdaHandler>> => {
    const loaded = new Map<string, LambdaHandler>();
    for (const model of Object.values(service.functions)) loaded.set(model.key, await loadHandler(service.servicePath, model.handler, mode));
    return loaded;
  };
  for (const [key, handler] of await loadAll()) current.set(key, handler);
  for (const model of Object.values(service.functions)) {
    const environment = resolveEnvironment(model.environment, resources, `functions.${model.key}.environment`);
    const handler: LambdaHandler = (event, context) => {
      around();
      return current.get(model.key)!(event, context);
    };
    functions.set(
      model.key,
      new LocalFunction({ model, handler, environment, region: service.region, accountId: service.accountId }),
    );
  }
  const reloadHandlers = async (): Promise<number> => {
    const loaded = await loadAll();
    for (const [key, handler] of loaded) current.set(key, handler);
    return loaded.size;
  };
  return { functions, reloadHandlers };
}

function resolveEnvironment(environment: Record<string, unknown>, resources: LocalResources, where: string): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const [name, value] of Object.entries(environment)) {
    const local = resolveIntrinsics(value, resources, `${where}.${name}`);
    resolved[name] = typeof local === 'string' ? local : JSON.stringify(local);
  }
  return resolved;
}
