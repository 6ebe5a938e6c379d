import { loadHandler } from '../lambda/loadHandler';
import { LocalFunction } from '../lambda/LocalFunction';
import type { LambdaHandler } from '../lambda/types';
import { resolveIntrinsics } from '../service/resolveIntrinsics';
import type { ServiceModel } from '../service/ServiceModel';
import type { LocalResources } from './LocalResources';

/** How handlers are loaded: `import` (direct import, for tests) or `bundle` (the esbuild bundle, as deployed). */
export type HandlerMode = 'import' | 'bundle';

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
): Promise<Map<string, LocalFunction>> {
  const functions = new Map<string, LocalFunction>();
  for (const model of Object.values(service.functions)) {
    const environment = resolveEnvironment(model.environment, resources, `functions.${model.key}.environment`);
    const loaded = await loadHandler(service.servicePath, model.handler, mode);
    const handler: LambdaHandler = (event, context) => {
      around();
      return loaded(event, context);
    };
    functions.set(
      model.key,
      new LocalFunction({ model, handler, environment, region: service.region, accountId: service.accountId }),
    );
  }
  return functions;
}

function resolveEnvironment(environment: Record<string, unknown>, resources: LocalResources, where: string): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const [name, value] of Object.entries(environment)) {
    const local = resolveIntrinsics(value, resources, `${where}.${name}`);
    resolved[name] = typeof local === 'string' ? local : JSON.stringify(local);
  }
  return resolved;
}
