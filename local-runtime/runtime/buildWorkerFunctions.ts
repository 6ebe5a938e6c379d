import { join } from 'node:path';
import type { Clock } from '../clock/Clock';
import { bundleHandler, type BundledHandler } from '../lambda/bundleHandler';
import type { ConcurrencyLimit } from '../lambda/ConcurrencyLimit';
import { FunctionInitError, LambdaError } from '../lambda/errors';
import { LocalFunction } from '../lambda/LocalFunction';
import { resolveHandlerFile } from '../lambda/resolveHandlerFile';
import { workerStarter } from '../lambda/workerStarter';
import type { FunctionModel, ServiceModel } from '../service/ServiceModel';
import type { BuiltFunctions, FunctionInitFailure, HandlerMode } from './buildFunctions';

export interface WorkerFunctionsOptions {
  service: ServiceModel;
  /** Each function's resolved environment, by key. */
  environments: Map<string, Record<string, string>>;
  mode: HandlerMode;
  external: string[];
  awsEndpoint: string;
  accountConcurrency: ConcurrencyLimit;
  clock?: Clock;
}

/**
 * The service's functions in worker environments: in `bundle` mode each handler is bundled once here
 * (as deployed), and every environment loads that bundle; in `import` mode each environment imports
 * the source (TypeScript through tsx). One environment per function starts at once (its Init, so
 * Init errors are reported at start); `reloadHandlers()` rebuilds the bundles and replaces every
 * environment (the next invocations are cold starts).
 */
export async function buildWorkerFunctions(options: WorkerFunctionsOptions): Promise<BuiltFunctions> {
  const { service, mode } = options;
  const models = Object.values(service.functions);
  const bundles = new Map<string, BundledHandler>();
  const failures = new Map<string, FunctionInitFailure>();
  const failure = (model: FunctionModel, error: Error): FunctionInitFailure => ({
    functionKey: model.key,
    handler: model.handler,
    error: error instanceof FunctionInitError ? error.payload : { errorType: error.name, errorMessage: error.message },
    ...(error instanceof FunctionInitError && error.hint !== undefined && { hint: error.hint }),
  });

  /** Bundles one handler (bundle mode); a failure keeps the previous bundle and is returned. */
  const bundle = async (model: FunctionModel): Promise<FunctionInitError | undefined> => {
    if (mode !== 'bundle') return undefined;
    try {
      const resolved = resolveHandlerFile(service.servicePath, model.handler);
      bundles.set(model.key, await bundleHandler({
        ...resolved, handler: model.handler, servicePath: service.servicePath,
        outDir: join(service.servicePath, '.tidepool', 'build'), external: options.external,
      }));
      return undefined;
    } catch (error) {
      if (error instanceof FunctionInitError) return error;
      throw error;
    }
  };

  const functions = new Map<string, LocalFunction>();
  for (const model of models) {
    const start = workerStarter({
      model, environment: options.environments.get(model.key)!, servicePath: service.servicePath, region: service.region,
      accountId: service.accountId, runtime: service.runtime, mode, bundle: () => bundles.get(model.key),
      awsEndpoint: options.awsEndpoint, clock: options.clock ?? { now: () => Date.now() },
    });
    functions.set(model.key, new LocalFunction({
      model, environment: options.environments.get(model.key)!, region: service.region, accountId: service.accountId,
      runtime: service.runtime, taskRoot: service.servicePath, clock: options.clock, accountConcurrency: options.accountConcurrency,
      startEnvironment: async (logStreamName) => {
        try {
          const environment = await start(logStreamName);
          failures.delete(model.key);
          return environment;
        } catch (error) {
          if (error instanceof Error) failures.set(model.key, failure(model, error));
          throw error;
        }
      },
    }));
  }

  /** Bundles (if needed) and starts one environment per function; returns the failures. */
  const initAll = async (): Promise<Array<[FunctionModel, Error]>> => {
    const outcomes = await Promise.all(models.map(async (model): Promise<[FunctionModel, Error | undefined]> => {
      const bundleError = await bundle(model);
      if (bundleError !== undefined && !bundles.has(model.key)) {
        failures.set(model.key, failure(model, bundleError));
        return [model, bundleError];
      }
      const fn = functions.get(model.key)!;
      await fn.discardEnvironments();
      return [model, bundleError ?? (await fn.prestart())];
    }));
    return outcomes.filter((entry): entry is [FunctionModel, Error] => entry[1] !== undefined);
  };

  await initAll();
  return {
    functions,
    initErrors: () => models.flatMap((model) => failures.get(model.key) ?? []),
    reloadHandlers: async () => {
      const failed = await initAll();
      if (failed.length === 0) return models.length;
      if (failed.length === 1) throw failed[0]![1];
      throw new LambdaError(
        'lambda.reload.failed',
        `${failed.length} handlers failed to load:\n${failed.map(([model, error]) => `  ${model.key}: ${error.message}`).join('\n')}`,
        { handler: failed[0]![0].handler, cause: failed[0]![1] },
      );
    },
    close: async () => {
      await Promise.all([...functions.values()].map((fn) => fn.close()));
    },
  };
}
