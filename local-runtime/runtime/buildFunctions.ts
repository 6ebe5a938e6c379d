import type { Clock } from '../clock/Clock';
import { ConcurrencyLimit } from '../lambda/ConcurrencyLimit';
import { logStreamNameFor } from '../lambda/createContext';
import { FunctionInitError, LambdaError } from '../lambda/errors';
import { lambdaEnvironment } from '../lambda/lambdaEnvironment';
import { loadHandler } from '../lambda/loadHandler';
import { LocalFunction } from '../lambda/LocalFunction';
import { errorFromPayload } from '../lambda/toErrorPayload';
import type { LambdaErrorPayload, LambdaHandler } from '../lambda/types';
import { withEnvironment } from '../lambda/withEnvironment';
import { withCaller } from '../preload/callerContext';
import { resolveIntrinsics } from '../service/resolveIntrinsics';
import type { FunctionModel, ServiceModel } from '../service/ServiceModel';
import type { LocalResources } from './LocalResources';
import { buildWorkerFunctions } from './buildWorkerFunctions';

/** How handlers are loaded: `import` (direct import, for tests) or `bundle` (the esbuild bundle, as deployed). */
export type HandlerMode = 'import' | 'bundle';

/** A function whose Init failed: it stays registered and each invocation answers `error`. */
export interface FunctionInitFailure {
  functionKey: string;
  handler: string;
  /** What Lambda reports, e.g. `{ errorType: 'Runtime.ImportModuleError', errorMessage: "Error: Cannot find module 'x'…" }`. */
  error: LambdaErrorPayload;
  /** What to do locally, when Tidepool knows (missing package, aws-sdk v2 on nodejs18+, …). */
  hint?: string;
}

/** Where invocations run (see local-runtime/README.md, "Execution environments"). */
export interface EnvironmentOptions {
  /** `in-process` (default): Tidepool's own process; `worker`: a worker thread per environment. */
  environments?: 'in-process' | 'worker';
  /** The runtime's endpoint URL (worker environments send their AWS requests there). */
  awsEndpoint?: string;
  /** The runtime's clock (default: real time). */
  clock?: Clock;
  /** The account's concurrency limit, shared by every function (default 1000, Lambda's default quota). */
  concurrencyLimit?: number;
}

/** Lambda's default account quota of concurrent executions (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
export const DEFAULT_CONCURRENCY_LIMIT = 1000;

/** The service's functions, and a way to load their handlers again (`start --watch`). */
export interface BuiltFunctions {
  functions: Map<string, LocalFunction>;
  /**
   * Loads every handler again (rebuilding bundles). A function that fails keeps its previous
   * handler if it had one (and the error is thrown, naming every failure); a function whose Init
   * had failed takes its new handler as soon as it loads. Resolves to the number reloaded.
   */
  reloadHandlers(): Promise<number>;
  /** Functions whose Init failed and has not succeeded since, in serverless.yml order. */
  initErrors(): FunctionInitFailure[];
  /** Ends every execution environment (`runtime.close()`). */
  close(): Promise<void>;
}

/**
 * Loads every function's handler and wraps it in a `LocalFunction` with its resolved environment.
 * Each module loads (its Init) with the function's Lambda environment in `process.env` and the
 * function as caller (`withCaller`), as on Lambda where both exist before Init.
 *
 * A function whose handler cannot be bundled or loaded does not stop the others: its failure is
 * kept (`initErrors()`), and each of its invocations first tries the Init again (as Lambda does
 * with a new execution environment after a failed Init,
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html) and, if that
 * fails again, fails with Lambda's Init error payload.
 *
 * `around` runs before each invocation (the runtime uses it to point the handler's AWS clients at
 * this runtime's engine).
 */
export async function buildFunctions(
  service: ServiceModel,
  resources: LocalResources,
  mode: HandlerMode,
  around: () => void,
  options: EnvironmentOptions = {},
): Promise<BuiltFunctions> {
  const models = Object.values(service.functions);
  const environments = new Map(models.map((model) =>
    [model.key, resolveEnvironment(model.environment, resources, `functions.${model.key}.environment`)] as const));
  const external = esbuildExternals(service);
  const accountConcurrency = new ConcurrencyLimit(options.concurrencyLimit ?? DEFAULT_CONCURRENCY_LIMIT);
  if (options.environments === 'worker') {
    if (options.awsEndpoint === undefined) throw new Error('buildFunctions: worker environments need the runtime\'s awsEndpoint');
    return buildWorkerFunctions({ service, environments, mode, external, awsEndpoint: options.awsEndpoint, accountConcurrency, ...(options.clock !== undefined && { clock: options.clock }) });
  }
  const current = new Map<string, LambdaHandler>();
  const failures = new Map<string, FunctionInitFailure>();

  /** One Init attempt. Outside an invocation it sets the function's environment itself (for this work only). */
  const init = async (model: FunctionModel, inInvocation: boolean): Promise<LambdaHandler | FunctionInitError> => {
    const environment = environments.get(model.key)!;
    const asCaller = <T>(task: () => Promise<T>): Promise<T> => withCaller(model.key, task);
    const standalone = <T>(task: () => Promise<T>): Promise<T> =>
      withEnvironment(
        lambdaEnvironment({
          model, environment, region: service.region, logStreamName: logStreamNameFor(new Date()),
          runtime: service.runtime, taskRoot: service.servicePath,
        }),
        () => asCaller(task),
      );
    try {
      return await loadHandler(service.servicePath, model.handler, mode, {
        runtime: service.runtime,
        external,
        init: inInvocation ? asCaller : standalone,
      });
    } catch (error) {
      if (error instanceof FunctionInitError) return error;
      throw error;
    }
  };
  const record = (model: FunctionModel, outcome: LambdaHandler | FunctionInitError): void => {
    if (outcome instanceof FunctionInitError) {
      current.delete(model.key);
      failures.set(model.key, {
        functionKey: model.key,
        handler: model.handler,
        error: outcome.payload,
        ...(outcome.hint !== undefined && { hint: outcome.hint }),
      });
    } else {
      current.set(model.key, outcome);
      failures.delete(model.key);
    }
  };

  for (const model of models) record(model, await init(model, false));

  const functions = new Map<string, LocalFunction>();
  for (const model of models) {
    const handler: LambdaHandler = async (event, context) => {
      around();
      let fn = current.get(model.key);
      if (fn === undefined) {
        const outcome = await init(model, true);
        record(model, outcome);
        if (outcome instanceof FunctionInitError) throw errorFromPayload(outcome.payload);
        fn = outcome;
      }
      return fn(event, context);
    };
    functions.set(
      model.key,
      new LocalFunction({
        model, handler, environment: environments.get(model.key)!, region: service.region, accountId: service.accountId,
        runtime: service.runtime, taskRoot: service.servicePath, clock: options.clock, accountConcurrency,
      }),
    );
  }

  const reloadHandlers = async (): Promise<number> => {
    const outcomes = new Map<FunctionModel, LambdaHandler | FunctionInitError>();
    for (const model of models) outcomes.set(model, await init(model, false));
    const failed = [...outcomes].filter((entry): entry is [FunctionModel, FunctionInitError] => entry[1] instanceof FunctionInitError);
    if (failed.length === 0) {
      for (const [model, outcome] of outcomes) record(model, outcome);
      return outcomes.size;
    }
    // Keep every working handler; only functions that had none take what now loads (or its new error).
    for (const [model, outcome] of outcomes) if (!current.has(model.key)) record(model, outcome);
    if (failed.length === 1) throw failed[0]![1];
    throw new LambdaError(
      'lambda.reload.failed',
      `${failed.length} handlers failed to load:\n${failed.map(([model, error]) => `  ${model.key}: ${error.message}`).join('\n')}`,
      { handler: failed[0]![0].handler, cause: failed[0]![1] },
    );
  };

  return {
    functions,
    reloadHandlers,
    initErrors: () => models.flatMap((model) => failures.get(model.key) ?? []),
    close: async () => {
      await Promise.all([...functions.values()].map((fn) => fn.close()));
    },
  };
}

/**
 * serverless-esbuild's `custom.esbuild.external` and `exclude` (both left out of its bundles;
 * `exclude: '*'` means nothing is excluded). Anything else in `custom.esbuild` is not applied.
 */
export function esbuildExternals(service: ServiceModel): string[] {
  const esbuild = service.custom?.['esbuild'];
  if (typeof esbuild !== 'object' || esbuild === null) return [];
  const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : []);
  const { external, exclude } = esbuild as Record<string, unknown>;
  return [...list(external), ...list(exclude)].filter((name) => name !== '*');
}

export function resolveEnvironment(environment: Record<string, unknown>, resources: LocalResources, where: string): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const [name, value] of Object.entries(environment)) {
    const local = resolveIntrinsics(value, resources, `${where}.${name}`);
    resolved[name] = typeof local === 'string' ? local : JSON.stringify(local);
  }
  return resolved;
}
